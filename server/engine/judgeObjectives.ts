import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { ExerciseContext } from './compileScenario.ts';
import type { ExpectationRecord } from './effects.ts';
import { evaluateCondition } from './evaluateCondition.ts';

export interface ObjectiveJudgement {
  readonly id: string;
  readonly met: boolean;
  readonly expectations: { readonly met: number; readonly late: number; readonly missed: number; readonly pending: number };
  readonly requiresHeld?: boolean;
}

/**
 * [B1] An objective is met when at least one expectation naming it was opened and all opened ones were met,
 * and its `requires` holds now; an objective with only `requires` is judged on that alone.
 */
export function judgeObjectives(
  scenario: Scenario,
  expectations: readonly ExpectationRecord[],
  context: ExerciseContext,
): ObjectiveJudgement[] {
  return scenario.objectives.map((objective) => {
    const own = expectations.filter((e) => e.objective === objective.id);
    const count = (status: ExpectationRecord['status']) => own.filter((e) => e.status === status).length;
    const tally = { met: count('met'), late: count('late'), missed: count('missed'), pending: count('pending') };
    const requiresHeld = objective.requires ? evaluateCondition(objective.requires, context, scenario) : undefined;
    const hasExpectations = scenario.injects.some((i) => i.expects.some((e) => e.objective === objective.id));
    const expectationsMet = hasExpectations ? own.length > 0 && tally.met === own.length : true;
    return {
      id: objective.id,
      met: expectationsMet && requiresHeld !== false,
      expectations: tally,
      ...(requiresHeld === undefined ? {} : { requiresHeld }),
    };
  });
}
