import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { ExerciseContext } from './compileScenario.ts';

/** [C1] A condition against the exercise's state. */
export function evaluateCondition(condition: Condition, context: ExerciseContext, scenario: Scenario): boolean {
  if ('indicator' in condition) {
    const value = context.indicators[condition.indicator] ?? 0;
    return (
      (condition.below === undefined || value < condition.below) &&
      (condition.above === undefined || value > condition.above) &&
      (condition.atLeast === undefined || value >= condition.atLeast) &&
      (condition.atMost === undefined || value <= condition.atMost)
    );
  }
  if ('escalation' in condition) {
    return context.escalation >= scenario.escalation.levels.findIndex((l) => l.id === condition.escalation);
  }
  if ('action' in condition) {
    const takers = context.taken[condition.action] ?? [];
    const taken = condition.by === undefined ? takers.length > 0 : takers.includes(condition.by);
    return condition.not ? !taken : taken;
  }
  if ('phase' in condition) return context.phase === condition.phase;
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context, scenario));
  return condition.any.some((c) => evaluateCondition(c, context, scenario));
}
