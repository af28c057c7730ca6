import type { Pool } from 'pg';

/** Prefixed, so SimCell can share a database (or a schema on the connection's search_path) with others. */
export const EXERCISES = 'simcell_exercises';
export const EVENTS = 'simcell_events';

/**
 * The PostgreSQL tables, created on start if missing (every process of a cluster runs this; an advisory
 * lock keeps two first starts from racing on CREATE TABLE). `last_seq` numbers each exercise's events:
 * appending increments it, and the row lock that takes makes concurrent appenders wait their turn. The
 * lease columns say which process runs the exercise's room (server/cluster/exerciseLeases.ts).
 */
export async function ensurePostgresSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('simcell.schema'))`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${EXERCISES} (
        id text PRIMARY KEY, name text NOT NULL, scenario_id text NOT NULL, scenario json NOT NULL, scenario_source text NOT NULL,
        codes json NOT NULL, speed double precision NOT NULL, created_at text NOT NULL, status text NOT NULL,
        dry_run json, last_seq integer NOT NULL DEFAULT 0, lease_owner text, lease_expires_at timestamptz
      );
      CREATE TABLE IF NOT EXISTS ${EVENTS} (
        exercise_id text NOT NULL REFERENCES ${EXERCISES} (id), seq integer NOT NULL,
        at_ms double precision NOT NULL, wall_ms double precision NOT NULL, actor json NOT NULL, body json NOT NULL,
        PRIMARY KEY (exercise_id, seq)
      );
    `);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
