import { matchMaker } from '@colyseus/core';
import type { Logger } from '../app/logger.ts';
import type { ExerciseLeases } from './exerciseLeases.ts';

/** Marks the refusal of a room whose exercise another process holds (it crosses Colyseus as a message). */
export const LEASE_HELD = 'LEASE_HELD';

/**
 * Keeps this process's leases and takes over the exercises nobody holds. Two loops, so a long restore never
 * delays a renewal: one renews what this process holds (and closes the rooms of leases it lost), the other
 * opens a room for every exercise without a live lease. The room replays the stored events and, if the
 * exercise was running, pauses it (ExerciseRoom.onCreate), so a takeover after a crash comes back paused with
 * every event that was acknowledged, as a restart does.
 */
export class LeaseKeeper {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly busy = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly leases: ExerciseLeases,
    private readonly roomName: string,
    private readonly log: Logger,
  ) {}

  /** Opens the orphaned exercises once (resolves when done), then keeps going until stop(). */
  async start(): Promise<void> {
    await this.restoreOrphans();
    const periodMs = (this.leases.seconds * 1000) / 3;
    this.every(periodMs, () => this.renew());
    this.every(periodMs, () => this.restoreOrphans());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled([...this.busy]);
  }

  private every(periodMs: number, task: () => Promise<void>): void {
    const index = this.timers.length;
    const run = () => {
      if (this.stopped) return;
      const done = task().finally(() => {
        this.busy.delete(done);
        if (!this.stopped) this.timers[index] = setTimeout(run, periodMs);
      });
      this.busy.add(done);
    };
    this.timers.push(setTimeout(run, periodMs));
  }

  private async renew(): Promise<void> {
    try {
      for (const id of await this.leases.renew()) {
        this.log.warn('cluster.lease-lost', { exercise: id, owner: this.leases.owner });
        await matchMaker
          .getLocalRoomById(id)
          ?.disconnect()
          .catch(() => undefined);
      }
      // Another process's cleanup (or the room that lost its lease, closing) may have removed a listing of a
      // room that lives here; without it nobody could be sent to the room.
      await matchMaker.restoreMissingRoomCaches();
    } catch (error) {
      this.log.warn('cluster.renew-failed', { error: String(error) });
    }
  }

  private async restoreOrphans(): Promise<void> {
    let orphans;
    try {
      orphans = await this.leases.orphans();
    } catch (error) {
      this.log.warn('cluster.sweep-failed', { error: String(error) });
      return;
    }
    for (const { id, formerOwner } of orphans) {
      if (this.stopped) return;
      try {
        await matchMaker.createRoom(this.roomName, { exerciseId: id });
        this.log.info('cluster.exercise-taken', { exercise: id, owner: this.leases.owner, formerOwner });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Another survivor was quicker: that is the lease doing its work.
        if (message.startsWith(LEASE_HELD)) this.log.debug('cluster.exercise-held-elsewhere', { exercise: id });
        else this.log.error('exercise.restore-failed', { exercise: id, error: message });
      }
    }
  }
}
