import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/main.ts';
import { ARCHIVE_FORMAT } from '../../server/exercise/exerciseArchive.ts';
import { SYSTEM_ACTOR } from '../../server/exercise/exerciseEvent.ts';
import { PostgresExerciseStore } from '../../server/store/postgresExerciseStore.ts';
import { freshSchema, REDIS_URL, type TestSchema } from './support/clusterServices.ts';

let schema: TestSchema;
beforeAll(async () => {
  schema = await freshSchema('import');
});
afterAll(() => schema.drop());

describe('simcell import in cluster mode', () => {
  it('restores the archive into the cluster’s PostgreSQL, not a local SQLite file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'simcell-import-'));
    const file = join(dataDir, 'archive.json');
    const control = { role: 'control' as const, participantId: 'c', name: 'Cora', organisation: null };
    writeFileSync(
      file,
      JSON.stringify({
        format: ARCHIVE_FORMAT,
        exportedAt: '2026-11-22T20:00:00.000Z',
        exercise: {
          id: 'imported-1',
          name: 'Tuesday drill',
          scenarioId: 'two-banks',
          speed: 60,
          createdAt: '2026-11-22T19:00:00.000Z',
          status: 'paused',
        },
        scenarioSource: readFileSync('test/fixtures/two-banks.yaml', 'utf8'),
        events: [
          { seq: 1, atMs: 0, wallMs: 1_000, actor: control, body: { type: 'exercise.started' } },
          { seq: 2, atMs: 60_000, wallMs: 2_000, actor: SYSTEM_ACTOR, body: { type: 'clock.paused' } },
        ],
      }),
    );
    const env = {
      SIMCELL_REDIS_URL: REDIS_URL,
      SIMCELL_DATABASE_URL: schema.url,
      SIMCELL_PUBLIC_ADDRESS: '127.0.0.1:2759',
      SIMCELL_DATA_DIR: dataDir,
      SIMCELL_ADMIN_TOKEN: 'cluster-import-test-token',
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const out: string[] = [];
    const err: string[] = [];
    try {
      expect(await main(['import', file], { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(0);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    expect(err).toEqual([]);
    expect(out[0]).toBe('Imported exercise imported-1 (Tuesday drill, paused) into the cluster’s database (SIMCELL_DATABASE_URL).');

    const store = await PostgresExerciseStore.connect(schema.url);
    try {
      expect((await store.getExercise('imported-1'))?.name).toBe('Tuesday drill');
      expect((await store.events('imported-1')).map((e) => e.body.type)).toEqual(['exercise.started', 'clock.paused']);
    } finally {
      await store.close();
    }
  });
});
