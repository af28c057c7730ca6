import type { Effect } from '../engine/effects.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { SeededRandom } from '../engine/seededRandom.ts';

export const POLICIES = ['none', 'expected', 'random'] as const;
export type PolicyName = (typeof POLICIES)[number];

/** An intent of an automatic player: take `action` as `by` at exercise time `at`. */
export interface PlannedAction {
  readonly at: number;
  readonly action: string;
  readonly by: string;
}

/**
 * Automatic players for the organisations people would play [D2]. A policy sees the effects the engine
 * produced and plans actions; the simulator carries them out at their time. Deterministic for a seed.
 */
export interface PlayerPolicy {
  /** Plans after every batch of effects, and whenever the time it asked to be woken at comes. */
  plan(effects: readonly Effect[], engine: ExerciseEngine): PlannedAction[];
  /** The exercise time at which it wants to plan again without new effects, if any. */
  nextWake(): number | undefined;
}

const MINUTE = 60_000;

export function createPolicy(name: PolicyName, seed: number, played: readonly string[]): PlayerPolicy {
  switch (name) {
    case 'none':
      return { plan: () => [], nextWake: () => undefined };
    case 'expected':
      return expectedPolicy(new Set(played));
    case 'random':
      return randomPolicy(new SeededRandom(seed), played);
  }
}

/** Each expectation on a played organisation is met one tenth into its window, at least a minute after delivery. */
function expectedPolicy(played: ReadonlySet<string>): PlayerPolicy {
  return {
    nextWake: () => undefined,
    plan: (effects) =>
      effects.flatMap((effect) =>
        effect.type === 'inject.delivered'
          ? effect.inject.expects.flatMap((e) =>
              e.by
                .filter((org) => played.has(org))
                .map((by) => ({ at: effect.at + Math.max(MINUTE, (e.withinSeconds * 1000) / 10), action: e.action, by })),
            )
          : [],
      ),
  };
}

/**
 * Every played organisation takes a turn every 5 to 30 exercise-minutes; on its turn it takes one of the
 * actions open to it (or, one time in three, none). Turns are planned one ahead, so the plan follows the
 * exercise as it branches.
 */
function randomPolicy(random: SeededRandom, played: readonly string[]): PlayerPolicy {
  let nextTurn = new Map<string, number>();
  return {
    nextWake: () => (nextTurn.size ? Math.min(...nextTurn.values()) : undefined),
    plan: (effects, engine) => {
      const planned: PlannedAction[] = [];
      if (effects.some((e) => e.type === 'phase.entered') && nextTurn.size === 0) {
        nextTurn = new Map(played.map((org) => [org, engine.now + random.int(5, 30) * MINUTE]));
      }
      for (const org of played) {
        const due = nextTurn.get(org);
        if (due === undefined || due > engine.now) continue;
        const choice = random.next() < 1 / 3 ? undefined : random.pick(engine.openActions(org));
        if (choice) planned.push({ at: engine.now, action: choice.id, by: org });
        nextTurn.set(org, engine.now + random.int(5, 30) * MINUTE);
      }
      return planned;
    },
  };
}
