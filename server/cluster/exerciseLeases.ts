import type { Pool } from 'pg';
import { EXERCISES } from '../store/postgresSchema.ts';

/**
 * Which process runs each exercise's room, as a lease on the exercise's row in PostgreSQL: an owner and an
 * expiry, on the database's clock (processes on several machines need not agree on the time). A process
 * holds an exercise while it renews the lease; when it dies the lease runs out and a survivor claims it.
 * Claims are one UPDATE each, so of two processes claiming at once exactly one wins. `open` is what this
 * process holds right now: it also keeps two rooms for one exercise from opening in the same process.
 */
export class ExerciseLeases {
  private readonly open = new Set<string>();

  constructor(
    private readonly pool: Pool,
    readonly owner: string,
    readonly seconds: number,
  ) {}

  /** The exercises this process holds. */
  held(): string[] {
    return [...this.open];
  }

  /**
   * Takes the exercise for this process, if nobody holds it: no lease, an expired one, or one this process
   * was given when it created the exercise and has not opened yet.
   */
  async acquire(exerciseId: string): Promise<boolean> {
    if (this.open.has(exerciseId)) return false;
    this.open.add(exerciseId);
    try {
      const { rowCount } = await this.pool.query(
        `UPDATE ${EXERCISES} SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3)
         WHERE id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at < now())`,
        [exerciseId, this.owner, this.seconds],
      );
      if (rowCount === 1) return true;
    } catch (error) {
      this.open.delete(exerciseId);
      throw error;
    }
    this.open.delete(exerciseId);
    return false;
  }

  /** Gives the exercise up (its room closed here); a survivor may claim it at once. */
  async release(exerciseId: string): Promise<void> {
    this.open.delete(exerciseId);
    await this.pool.query(`UPDATE ${EXERCISES} SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2`, [
      exerciseId,
      this.owner,
    ]);
  }

  /** Gives up every exercise this process holds (a graceful shutdown). */
  async releaseAll(): Promise<void> {
    this.open.clear();
    await this.pool.query(`UPDATE ${EXERCISES} SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1`, [this.owner]);
  }

  /**
   * Extends the leases of the exercises held here. Resolves to those that were no longer this process's
   * (a survivor claimed them while this process could not renew): their rooms here must close.
   */
  async renew(): Promise<string[]> {
    const held = this.held();
    if (!held.length) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE ${EXERCISES} SET lease_expires_at = now() + make_interval(secs => $3) WHERE id = ANY($1) AND lease_owner = $2 RETURNING id`,
      [held, this.owner, this.seconds],
    );
    const renewed = new Set(rows.map((r) => r.id));
    const lost = held.filter((id) => !renewed.has(id));
    for (const id of lost) this.open.delete(id);
    return lost;
  }

  /** Exercises no live process holds: never opened, released, or their holder stopped renewing. */
  async orphans(): Promise<{ id: string; formerOwner: string | null }[]> {
    const { rows } = await this.pool.query<{ id: string; lease_owner: string | null }>(
      `SELECT id, lease_owner FROM ${EXERCISES} WHERE lease_owner IS NULL OR lease_expires_at < now() ORDER BY created_at, id`,
    );
    return rows.map((r) => ({ id: r.id, formerOwner: r.lease_owner }));
  }
}
