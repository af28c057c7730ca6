import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NewEvent, StoredEvent } from '../exercise/exerciseEvent.ts';
import type { ExerciseRecord, ExerciseStatus, ExerciseStore, JoinCodes } from './exerciseStore.ts';

interface ExerciseRow {
  id: string;
  name: string;
  scenario_id: string;
  scenario_json: string;
  scenario_source: string;
  codes_json: string;
  speed: number;
  created_at: string;
  status: ExerciseStatus;
  dry_run_json: string | null;
}

interface EventRow {
  seq: number;
  at_ms: number;
  wall_ms: number;
  actor_json: string;
  body_json: string;
}

/**
 * The embedded store: one SQLite file in WAL mode, readable by its owner only. Writes are synchronous, so
 * when `append` resolves the event is committed.
 */
export class SqliteExerciseStore implements ExerciseStore {
  private readonly db: Database.Database;
  private readonly nextSeq = new Map<string, number>();
  /** Prepared once: appending is on the path of every accepted event. */
  private insertEvent: Database.Statement | undefined;

  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS exercises (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario_json TEXT NOT NULL, scenario_source TEXT NOT NULL,
        codes_json TEXT NOT NULL, speed REAL NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL, dry_run_json TEXT
      );
      CREATE TABLE IF NOT EXISTS events (
        exercise_id TEXT NOT NULL, seq INTEGER NOT NULL, at_ms REAL NOT NULL, wall_ms REAL NOT NULL,
        actor_json TEXT NOT NULL, body_json TEXT NOT NULL, PRIMARY KEY (exercise_id, seq)
      );
    `);
    // A store written before dry-runs existed gains their column; its exercises are not dry-runs.
    const columns = this.db.prepare('PRAGMA table_info(exercises)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'dry_run_json')) this.db.exec('ALTER TABLE exercises ADD COLUMN dry_run_json TEXT');
  }

  createExercise(r: ExerciseRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO exercises (id, name, scenario_id, scenario_json, scenario_source, codes_json, speed, created_at, status, dry_run_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
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
      );
    return Promise.resolve();
  }

  getExercise(id: string): Promise<ExerciseRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM exercises WHERE id = ?').get(id) as ExerciseRow | undefined;
    return Promise.resolve(row ? toRecord(row) : undefined);
  }

  listExercises(): Promise<ExerciseRecord[]> {
    const rows = this.db.prepare('SELECT * FROM exercises ORDER BY created_at, id').all() as ExerciseRow[];
    return Promise.resolve(rows.map(toRecord));
  }

  setStatus(id: string, status: ExerciseStatus): Promise<void> {
    this.db.prepare('UPDATE exercises SET status = ? WHERE id = ?').run(status, id);
    return Promise.resolve();
  }

  setCodes(id: string, codes: JoinCodes): Promise<void> {
    this.db.prepare('UPDATE exercises SET codes_json = ? WHERE id = ?').run(JSON.stringify(codes), id);
    return Promise.resolve();
  }

  append(exerciseId: string, event: NewEvent): Promise<StoredEvent> {
    const seq = this.seqFor(exerciseId);
    this.insertEvent ??= this.db.prepare(
      'INSERT INTO events (exercise_id, seq, at_ms, wall_ms, actor_json, body_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertEvent.run(exerciseId, seq, event.atMs, event.wallMs, JSON.stringify(event.actor), JSON.stringify(event.body));
    this.nextSeq.set(exerciseId, seq + 1);
    return Promise.resolve({ seq, ...event });
  }

  events(exerciseId: string): Promise<StoredEvent[]> {
    const rows = this.db
      .prepare('SELECT seq, at_ms, wall_ms, actor_json, body_json FROM events WHERE exercise_id = ? ORDER BY seq')
      .all(exerciseId) as EventRow[];
    return Promise.resolve(
      rows.map((r) => ({
        seq: r.seq,
        atMs: r.at_ms,
        wallMs: r.wall_ms,
        actor: JSON.parse(r.actor_json) as StoredEvent['actor'],
        body: JSON.parse(r.body_json) as StoredEvent['body'],
      })),
    );
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private seqFor(exerciseId: string): number {
    let seq = this.nextSeq.get(exerciseId);
    if (seq === undefined) {
      const row = this.db.prepare('SELECT MAX(seq) AS last FROM events WHERE exercise_id = ?').get(exerciseId) as { last: number | null };
      seq = (row.last ?? 0) + 1;
    }
    return seq;
  }
}

function toRecord(row: ExerciseRow): ExerciseRecord {
  return {
    id: row.id,
    name: row.name,
    scenarioId: row.scenario_id,
    scenario: JSON.parse(row.scenario_json) as unknown,
    scenarioSource: row.scenario_source,
    codes: JSON.parse(row.codes_json) as JoinCodes,
    speed: row.speed,
    createdAt: row.created_at,
    status: row.status,
    ...(row.dry_run_json ? { dryRun: JSON.parse(row.dry_run_json) as ExerciseRecord['dryRun'] } : {}),
  };
}
