import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { InjectView, LogEntryView, MessageView, ScenarioSummaryView, SeatInfo } from '../../shared/protocol/serverMessages.ts';

/**
 * What a seat has of the exercise: its synced state, who it is, and what it was sent. The live Connection is one;
 * a replay (client/net/replayApi.ts) is another, frozen at one moment. The read-only helpers that turn it into
 * what the widgets show (boardView, names, inboxItems, activityOf) take this, so the replay reuses them as they are.
 */
export interface SeatMirror {
  readonly state: ExerciseState;
  readonly seat: SeatInfo;
  readonly scenario: ScenarioSummaryView;
  readonly injects: ReadonlyMap<string, InjectView>;
  readonly messages: ReadonlyMap<string, MessageView>;
  readonly logs: ReadonlyMap<string, LogEntryView>;
}
