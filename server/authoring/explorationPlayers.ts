import type { Action, Scenario } from '../../shared/scenario/scenario.ts';
import { evaluateCondition } from '../engine/evaluateCondition.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { contextAfter, directionOf, helps, type Direction, type Goal } from './explorationGoals.ts';
import type { PathState } from './pathState.ts';

/** How players behave when no deviation says otherwise. */
export type Policy = { readonly kind: 'idle' } | { readonly kind: 'diligent' } | { readonly kind: 'goal'; readonly goal: Goal };

export type Act = (action: string, by: string) => void;

/** Nobody acts (SimCell still answers for simulated organisations [X3]). */
export const IDLE: Policy = { kind: 'idle' };
/** Everyone answers every expectation as soon as its action is open. */
export const DILIGENT: Policy = { kind: 'diligent' };

export const policyId = (policy: Policy): string => (policy.kind === 'goal' ? policy.goal.id : policy.kind);

/**
 * The automatic players of the search: what a policy does at a decision point, on the real engine, until it
 * has nothing more to do there. Deterministic: the same state gives the same actions.
 */
export class ExplorationPlayers {
  private readonly actions: ReadonlyMap<string, Action>;
  /** Per phase, the actions that move the exercise out of it [P2]. */
  private readonly leaving: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly directions = new Map<string, Direction>();

  constructor(
    private readonly scenario: Scenario,
    private readonly pairs: readonly { readonly action: Action; readonly by: string }[],
    private readonly openPairs: (engine: ExerciseEngine) => number[],
  ) {
    this.actions = new Map(scenario.actions.map((a) => [a.id, a]));
    this.leaving = new Map(scenario.phases.map((p) => [p.id, new Set(p.on.map((t) => t.action))]));
  }

  /** What the policy does at a decision point, until it has nothing more to do there. */
  settle(policy: Policy, engine: ExerciseEngine, state: PathState, act: Act): void {
    if (policy.kind === 'idle') return;
    if (policy.kind === 'diligent' || policy.goal.diligent) this.answerExpectations(engine, state, act);
    if (policy.kind === 'goal') this.pursue(policy.goal, engine, act);
  }

  /** Every pending expectation is answered as soon as it can be: by its players, or by Control for a simulated organisation. */
  private answerExpectations(engine: ExerciseEngine, state: PathState, act: Act): void {
    for (let acted = true; acted && !engine.ended;) {
      acted = false;
      for (const record of state.pending.values()) {
        if (engine.refusal(record.action, record.organisation) !== undefined) continue;
        act(record.action, record.organisation);
        acted = true;
        break;
      }
    }
  }

  /** In the goal's phase: take the trigger once its condition will hold, otherwise every action that helps. */
  private pursue(goal: Goal, engine: ExerciseEngine, act: Act): void {
    if (goal.hold) return;
    let direction = this.directions.get(goal.id);
    if (!direction) this.directions.set(goal.id, (direction = directionOf(goal.condition, this.scenario, goal.trigger?.action)));
    const done = new Set<number>();
    for (let acted = true; acted && !engine.ended;) {
      acted = false;
      const phase = engine.context.phase;
      const inPlace = goal.phase === undefined || phase === goal.phase;
      if (!inPlace && !goal.early) return;
      const trigger = inPlace ? goal.trigger && this.actions.get(goal.trigger.action) : undefined;
      if (trigger) {
        for (const by of goal.trigger!.by === undefined ? trigger.by : [goal.trigger!.by]) {
          if (engine.refusal(trigger.id, by) !== undefined) continue;
          const ready =
            !goal.condition || evaluateCondition(goal.condition, contextAfter(engine.context, trigger, by, this.scenario), this.scenario);
          if (!ready) break;
          act(trigger.id, by);
          return;
        }
      }
      // Actions that push indicators first, then the ones the condition names; none that leaves the goal's
      // phase unless the condition needs it.
      const helpful = this.openPairs(engine).filter((pair) => {
        const { action } = this.pairs[pair]!;
        if (done.has(pair) || action.id === trigger?.id || !helps(action, direction, this.scenario)) return false;
        return !inPlace || goal.phase === undefined || direction.take.has(action.id) || !this.leaving.get(phase)?.has(action.id);
      });
      const pair = helpful.find((p) => !direction.take.has(this.pairs[p]!.action.id)) ?? helpful[0];
      if (pair !== undefined) {
        done.add(pair);
        act(this.pairs[pair]!.action.id, this.pairs[pair]!.by);
        acted = true;
      }
    }
  }
}
