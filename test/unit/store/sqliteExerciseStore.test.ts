import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../server/exercise/exerciseEvent.ts';
import { SqliteExerciseStore } from '../../../server/store/sqliteExerciseStore.ts';

const record = (id: string) => ({
  id,
  name: 'Drill',
  scenarioId: 'two-banks',
  scenario: {},
  scenarioSource: 'id: two-banks',
  codes: { control: 'A', evaluator: 'B', observer: 'C', screen: 'D', class: 'E', organisations: {} },
  speed: 1,
  createdAt: '2026-11-22T00:00:00.000Z',
  status: 'ready' as const,
});

describe('the SQLite event store', () => {
  it('creates its database readable by its owner only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'simcell-store-')), 'data', 'simcell.db');
    const store = new SqliteExerciseStore(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('numbers events per exercise from 1 and keeps them across reopening', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'simcell-store-')), 'simcell.db');
    const store = new SqliteExerciseStore(file);
    await store.createExercise(record('a'));
    await store.createExercise(record('b'));
    const event = { atMs: 0, wallMs: 1, actor: SYSTEM_ACTOR, body: { type: 'exercise.started' as const } };
    expect((await store.append('a', event)).seq).toBe(1);
    expect((await store.append('a', event)).seq).toBe(2);
    expect((await store.append('b', event)).seq).toBe(1);
    await store.close();
    const reopened = new SqliteExerciseStore(file);
    expect((await reopened.append('a', event)).seq).toBe(3);
    expect((await reopened.events('a')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await reopened.getExercise('a'))?.scenarioSource).toBe('id: two-banks');
    await reopened.close();
  });
});
