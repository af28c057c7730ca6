import { ErrorCode, ServerError } from '@colyseus/core';
import { ExerciseRoom, type ExerciseRoomOptions } from '../room/exerciseRoom.ts';
import type { ExerciseLeases } from './exerciseLeases.ts';
import { LEASE_HELD } from './leaseKeeper.ts';

/**
 * The exercise room of a cluster process: it opens only after taking the exercise's lease, so at most one
 * process runs an exercise, and gives the lease back when it closes. Everything else is ExerciseRoom's.
 */
export function leasedExerciseRoom(leases: ExerciseLeases): typeof ExerciseRoom {
  return class LeasedExerciseRoom extends ExerciseRoom {
    /** Set once this instance holds the lease: a refused duplicate must not release its original's. */
    private leased: string | undefined;

    override async onCreate(options: ExerciseRoomOptions): Promise<void> {
      // ServerError: Colyseus reports a refusal to the caller without printing a stack trace.
      if (!(await leases.acquire(options.exerciseId)))
        throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `${LEASE_HELD}: exercise "${options.exerciseId}" is open on another process`);
      this.leased = options.exerciseId;
      try {
        await super.onCreate(options);
      } catch (error) {
        await this.giveBack();
        throw error;
      }
    }

    override onDispose(): void {
      super.onDispose();
      void this.giveBack().catch(() => undefined); // if it fails, the lease runs out and a survivor claims it
    }

    private async giveBack(): Promise<void> {
      const id = this.leased;
      this.leased = undefined;
      if (id) await leases.release(id);
    }
  };
}
