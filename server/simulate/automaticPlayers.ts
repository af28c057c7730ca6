import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { Effect } from '../engine/effects.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { createPolicy, type PlannedAction, type PlayerPolicy, type PolicyName } from './playerPolicy.ts';

export interface PlayersOptions {
  readonly policy: PolicyName;
  readonly seed: number;
}

/**
 * SimCell in the seats of the organisations people would play [D2]: a policy plans from the effects the engine
 * produced, and what it planned waits here, in exercise time, until it is due. `simulate` runs them headless; a
 * dry-run's room lets them act through the same path as any seat. Deterministic for a policy and a seed.
 */
export class AutomaticPlayers {
  /** The organisations they play: every one the scenario does not simulate itself. */
  readonly played: readonly string[];
  private readonly policy: PlayerPolicy;
  private readonly queue: PlannedAction[] = [];

  constructor(
    private readonly scenario: Scenario,
    options: PlayersOptions,
  ) {
    this.played = scenario.organisations.filter((o) => !o.simulated).map((o) => o.id);
    this.policy = createPolicy(options.policy, options.seed, this.played);
  }

  /** The policy plans from what just happened, or from nothing when the time it asked to be woken at came. */
  observe(effects: readonly Effect[], engine: ExerciseEngine): void {
    enqueue(this.queue, this.policy.plan(effects, engine));
  }

  /** The next exercise time at which a player acts or the policy wants to plan again. */
  nextDueAt(): number | undefined {
    return earliest(this.queue[0]?.at, this.policy.nextWake());
  }

  /** The next planned action due by `now`, taken off the plan; planned order is kept for equal times. */
  takeDue(now: number): PlannedAction | undefined {
    return this.queue.length && this.queue[0]!.at <= now ? this.queue.shift() : undefined;
  }

  /** Whether the policy asked to plan again by `now` (then call observe with no effects). */
  wantsWake(now: number): boolean {
    return (this.policy.nextWake() ?? Infinity) <= now;
  }

  /** A planned action the log shows was taken (a restore replays it) is not taken again. */
  taken(action: string, by: string, at: number): void {
    const index = this.queue.findIndex((p) => p.action === action && p.by === by && p.at === at);
    if (index >= 0) this.queue.splice(index, 1);
  }

  /** Forgets what was planned before `now`: after a restore those moments have passed (and were tried). */
  forgetBefore(now: number): void {
    while (this.queue.length && this.queue[0]!.at < now) this.queue.shift();
  }

  /** What an automatic player writes when an action asks for a report [A5]. */
  reportFor(intent: PlannedAction): string | undefined {
    const action = this.scenario.actions.find((a) => a.id === intent.action);
    return action?.report ? `Automatic report by ${intent.by}: ${action.label[this.scenario.languages[0]!] ?? action.id}.` : undefined;
  }
}

/** Keeps the queue ordered by time; equal times keep the order they were planned in. */
function enqueue(queue: PlannedAction[], planned: readonly PlannedAction[]): void {
  for (const p of planned) {
    let i = queue.length;
    while (i > 0 && queue[i - 1]!.at > p.at) i--;
    queue.splice(i, 0, p);
  }
}

export function earliest(...times: (number | undefined)[]): number | undefined {
  const defined = times.filter((t): t is number => t !== undefined && Number.isFinite(t));
  return defined.length ? Math.min(...defined) : undefined;
}
