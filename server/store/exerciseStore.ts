import type { DryRun } from '../../shared/protocol/dryRun.ts';
import type { JoinCodes } from '../../shared/protocol/joinCodes.ts';
import type { NewEvent, StoredEvent } from '../exercise/exerciseEvent.ts';

/**
 * Where exercises and their events live. SQLite by default; PostgreSQL serves the same interface when one
 * process is not enough. `append` resolves only once the event is durable: the room acknowledges and
 * applies nothing before that [invariant: stored before acknowledged].
 */
export type ExerciseStatus = 'ready' | 'running' | 'paused' | 'ended';

export type { JoinCodes };

export interface ExerciseRecord {
  readonly id: string;
  readonly name: string;
  readonly scenarioId: string;
  /** The normalised scenario as the exercise started with it: editing the file later changes nothing. */
  readonly scenario: unknown;
  /** The scenario file's text, so an archive can be validated again wherever it is imported. */
  readonly scenarioSource: string;
  readonly codes: JoinCodes;
  readonly speed: number;
  readonly createdAt: string;
  readonly status: ExerciseStatus;
  /** A dry-run: automatic players in every played seat, with this policy and seed (shared/protocol/dryRun.ts). */
  readonly dryRun?: DryRun;
}

export interface ExerciseStore {
  createExercise(record: ExerciseRecord): Promise<void>;
  getExercise(id: string): Promise<ExerciseRecord | undefined>;
  listExercises(): Promise<ExerciseRecord[]>;
  setStatus(id: string, status: ExerciseStatus): Promise<void>;
  setCodes(id: string, codes: JoinCodes): Promise<void>;
  /** Numbers the event (1, 2, … per exercise) and makes it durable. */
  append(exerciseId: string, event: NewEvent): Promise<StoredEvent>;
  events(exerciseId: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}
