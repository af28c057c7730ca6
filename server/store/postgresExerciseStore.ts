import pg from 'pg';
import type { NewEvent, StoredEvent } from '../exercise/exerciseEvent.ts';
import type { ExerciseRecord, ExerciseStatus, ExerciseStore, JoinCodes } from './exerciseStore.ts';
import { ensurePostgresSchema, EVENTS, EXERCISES } from './postgresSchema.ts';

export interface PostgresStoreOptions {
  /**
   * Cluster mode: this process's lease owner id. An exercise it creates is leased to it from the start, and
   * it appends only to exercises leased to it, so a process that lost an exercise to a survivor can never
   * write behind the survivor's back (server/cluster/exerciseLeases.ts).
   */
  readonly leaseOwner?: string;
  /** How long a new exercise's lease lasts before it must be renewed. */
  readonly leaseSeconds?: number;
  /** How long connecting may take before it fails (ms). */
  readonly connectTimeoutMs?: number;
}

interface SummaryRow {
  id: string;
  name: string;
  scenario_id: string;
  codes: JoinCodes;
  speed: number;
  created_at: string;
  status: ExerciseStatus;
  dry_run: ExerciseRecord['dryRun'] | null;
}

interface ScenarioRow {
  id: string;
  scenario: unknown;
  scenario_source: string;
}

interface EventRow {
  seq: number;
  at_ms: number;
  wall_ms: number;
  actor: StoredEvent['actor'];
  body: StoredEvent['body'];
}

const SUMMARY = 'id, name, scenario_id, codes, speed, created_at, status, dry_run';

/**
 * The store for a cluster: every process reads and writes the same PostgreSQL database. `append` is one
 * statement that takes the exercise row's lock, increments its `last_seq` and inserts the event under that
 * number, so events are numbered 1, 2, … whichever processes append, and the statement has committed (with
 * synchronous_commit on) before it resolves.
 */
export class PostgresExerciseStore implements ExerciseStore {
  /** Scenarios never change after an exercise is created; listing exercises (every code lookup) skips them. */
  private readonly scenarios = new Map<string, { scenario: unknown; source: string }>();
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly options: PostgresStoreOptions,
  ) {}

  /** Connects, checks the database answers, and creates the tables if they are missing. */
  static async connect(url: string, options: PostgresStoreOptions = {}): Promise<PostgresExerciseStore> {
    const pool = new pg.Pool({ connectionString: durable(url), connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000, max: 10 });
    // A dropped idle connection (a database restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await ensurePostgresSchema(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresExerciseStore(pool, options);
  }

  async createExercise(r: ExerciseRecord): Promise<void> {
    const owner = this.options.leaseOwner ?? null;
    await this.pool.query(
      `INSERT INTO ${EXERCISES} (id, name, scenario_id, scenario, scenario_source, codes, speed, created_at, status, dry_run, lease_owner, lease_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text, CASE WHEN $11::text IS NULL THEN NULL ELSE now() + make_interval(secs => $12) END)`,
      [
        r.id,
        r.name,
        r.scenarioId,
        JSON.stringify(r.scenario),
        r.scenarioSource,
        JSON.stringify(r.codes),
        r.speed,
        r.createdAt,
        r.status,
        r.dryRun ? JSON.stringify(r.dryRun) : null,
        owner,
        this.options.leaseSeconds ?? 10,
      ],
    );
    this.scenarios.set(r.id, { scenario: r.scenario, source: r.scenarioSource });
  }

  async getExercise(id: string): Promise<ExerciseRecord | undefined> {
    const { rows } = await this.pool.query<SummaryRow & ScenarioRow>(
      `SELECT ${SUMMARY}, scenario, scenario_source FROM ${EXERCISES} WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    this.scenarios.set(row.id, { scenario: row.scenario, source: row.scenario_source });
    return toRecord(row, row.scenario, row.scenario_source);
  }

  async listExercises(): Promise<ExerciseRecord[]> {
    const { rows } = await this.pool.query<SummaryRow>(`SELECT ${SUMMARY} FROM ${EXERCISES} ORDER BY created_at, id`);
    const missing = rows.filter((r) => !this.scenarios.has(r.id)).map((r) => r.id);
    if (missing.length) {
      const fetched = await this.pool.query<ScenarioRow>(`SELECT id, scenario, scenario_source FROM ${EXERCISES} WHERE id = ANY($1)`, [
        missing,
      ]);
      for (const s of fetched.rows) this.scenarios.set(s.id, { scenario: s.scenario, source: s.scenario_source });
    }
    return rows.map((r) => {
      const s = this.scenarios.get(r.id)!;
      return toRecord(r, s.scenario, s.source);
    });
  }

  async setStatus(id: string, status: ExerciseStatus): Promise<void> {
    await this.pool.query(`UPDATE ${EXERCISES} SET status = $2 WHERE id = $1`, [id, status]);
  }

  async setCodes(id: string, codes: JoinCodes): Promise<void> {
    await this.pool.query(`UPDATE ${EXERCISES} SET codes = $2 WHERE id = $1`, [id, JSON.stringify(codes)]);
  }

  async append(exerciseId: string, event: NewEvent): Promise<StoredEvent> {
    const owner = this.options.leaseOwner;
    const params: unknown[] = [exerciseId, event.atMs, event.wallMs, JSON.stringify(event.actor), JSON.stringify(event.body)];
    // The lease check sits in the same UPDATE as the numbering: a takeover also updates this row, so an append
    // either commits before it (and the new holder's replay reads it) or finds the lease gone and is refused.
    const { rows } = await this.pool.query<{ seq: number }>(
      `WITH numbered AS (
         UPDATE ${EXERCISES} SET last_seq = last_seq + 1
         WHERE id = $1 ${owner === undefined ? '' : `AND lease_owner = $${params.push(owner)}`}
         RETURNING last_seq
       )
       INSERT INTO ${EVENTS} (exercise_id, seq, at_ms, wall_ms, actor, body)
       SELECT $1, last_seq, $2, $3, $4, $5 FROM numbered
       RETURNING seq`,
      params,
    );
    const seq = rows[0]?.seq;
    if (seq === undefined) throw new Error(await this.whyNotAppended(exerciseId));
    return { seq, ...event };
  }

  async events(exerciseId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT seq, at_ms, wall_ms, actor, body FROM ${EVENTS} WHERE exercise_id = $1 ORDER BY seq`,
      [exerciseId],
    );
    return rows.map((r) => ({ seq: r.seq, atMs: r.at_ms, wallMs: r.wall_ms, actor: r.actor, body: r.body }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async whyNotAppended(exerciseId: string): Promise<string> {
    const { rows } = await this.pool.query<{ lease_owner: string | null }>(`SELECT lease_owner FROM ${EXERCISES} WHERE id = $1`, [
      exerciseId,
    ]);
    if (!rows[0]) return `no exercise "${exerciseId}" in the store`;
    return `exercise "${exerciseId}" is not leased to this process (its lease: ${rows[0].lease_owner ?? 'none'}); it may no longer write to it`;
  }
}

/**
 * The URL with synchronous_commit on for every connection (added to the URL's own `options`, such as a
 * search_path): an append is durable when it resolves, even on a server whose default is asynchronous commit.
 */
function durable(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  parsed.searchParams.set('options', `${options ? `${options} ` : ''}-c synchronous_commit=on`);
  return parsed.toString();
}

function toRecord(row: SummaryRow, scenario: unknown, scenarioSource: string): ExerciseRecord {
  return {
    id: row.id,
    name: row.name,
    scenarioId: row.scenario_id,
    scenario,
    scenarioSource,
    codes: row.codes,
    speed: row.speed,
    createdAt: row.created_at,
    status: row.status,
    ...(row.dry_run ? { dryRun: row.dry_run } : {}),
  };
}
