import type { Inject } from '../../shared/scenario/scenario.ts';

/**
 * What the engine tells the room: the consequences of time passing, of players' actions and of Control.
 * The room applies them to the synced state and the store; the engine never does. Times are exercise ms.
 */
export type Effect =
  | { readonly type: 'phase.entered'; readonly at: number; readonly phase: string }
  | { readonly type: 'inject.delivered'; readonly at: number; readonly inject: Inject; readonly cause: DeliveryCause }
  | {
      readonly type: 'indicator.changed';
      readonly at: number;
      readonly indicator: string;
      readonly value: number;
      readonly previous: number;
    }
  | { readonly type: 'escalation.changed'; readonly at: number; readonly level: string; readonly previous: string }
  | {
      readonly type: 'action.taken';
      readonly at: number;
      readonly action: string;
      readonly by: string;
      readonly seat?: string;
      readonly text?: string;
      readonly simulated: boolean;
    }
  | { readonly type: 'expectation.opened'; readonly at: number; readonly expectation: ExpectationRecord }
  | { readonly type: 'expectation.scored'; readonly at: number; readonly expectation: ExpectationRecord }
  | { readonly type: 'exercise.ended'; readonly at: number; readonly reason: string };

export type DeliveryCause = 'scenario' | 'control-fire-next' | 'control-adhoc';

export type ExpectationStatus = 'pending' | 'met' | 'late' | 'missed';

/** One organisation's expectation from one delivered inject [X1]. */
export interface ExpectationRecord {
  /** `<inject>#<index>/<organisation>` — stable across replays. */
  readonly id: string;
  readonly inject: string;
  readonly action: string;
  readonly organisation: string;
  readonly objective: string;
  readonly deliveredAt: number;
  readonly dueAt: number;
  readonly status: ExpectationStatus;
  readonly respondedAt?: number;
}
