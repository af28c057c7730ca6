import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../server/exercise/exerciseEvent.ts';
import type { ExerciseStore } from '../../../server/store/exerciseStore.ts';
import { event, record } from './storeFixtures.ts';

/**
 * What every ExerciseStore must do, whatever holds the data: run by the SQLite store's unit tests and by the
 * PostgreSQL store's cluster tests. `fresh()` gives empty storage; its `open()` may be called more than once,
 * each time a new handle (a new file handle, a new connection pool) on the same data.
 */
export interface StoreFixture {
  open(): Promise<ExerciseStore>;
}

export function exerciseStoreContract(fresh: () => Promise<StoreFixture>, cleanup: (store: ExerciseStore) => void): void {
  const openFresh = async () => {
    const fixture = await fresh();
    const store = await fixture.open();
    cleanup(store);
    return { fixture, store };
  };

  it('gives back an exercise exactly as it was created, and nothing for an unknown id', async () => {
    const { store } = await openFresh();
    const r = record('ex-1');
    await store.createExercise(r);
    expect(await store.getExercise('ex-1')).toEqual(r);
    expect(JSON.stringify((await store.getExercise('ex-1'))!.scenario)).toBe(JSON.stringify(r.scenario));
    expect(await store.getExercise('nope')).toBeUndefined();
  });

  it('keeps whether an exercise is a dry-run, and with which policy and seed', async () => {
    const { store } = await openFresh();
    await store.createExercise(record('dry', { dryRun: { policy: 'random', seed: 42 } }));
    await store.createExercise(record('live'));
    expect((await store.getExercise('dry'))?.dryRun).toEqual({ policy: 'random', seed: 42 });
    expect(await store.getExercise('live')).not.toHaveProperty('dryRun');
    expect((await store.listExercises()).map((e) => e.dryRun)).toEqual([{ policy: 'random', seed: 42 }, undefined]);
  });

  it('lists exercises by creation time, then id, with their scenarios', async () => {
    const { store } = await openFresh();
    await store.createExercise(record('b', { createdAt: '2026-11-22T10:00:00.000Z' }));
    await store.createExercise(record('c', { createdAt: '2026-11-22T09:00:00.000Z' }));
    await store.createExercise(record('a', { createdAt: '2026-11-22T10:00:00.000Z' }));
    const listed = await store.listExercises();
    expect(listed.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(listed[0]).toEqual(record('c', { createdAt: '2026-11-22T09:00:00.000Z' }));
  });

  it('keeps status and code changes, seen by get, list and another handle', async () => {
    const { fixture, store } = await openFresh();
    await store.createExercise(record('ex-1'));
    await store.setStatus('ex-1', 'running');
    const codes = { ...record('ex-1').codes, control: 'CTRL-2', organisations: { 'bank-a': 'BNKA-2' } };
    await store.setCodes('ex-1', codes);
    expect(await store.getExercise('ex-1')).toMatchObject({ status: 'running', codes });
    expect((await store.listExercises())[0]).toMatchObject({ status: 'running', codes });
    const other = await fixture.open();
    cleanup(other);
    expect(await other.getExercise('ex-1')).toMatchObject({ status: 'running', codes });
  });

  it('numbers events 1, 2, … per exercise and gives them back in order, unchanged', async () => {
    const { store } = await openFresh();
    await store.createExercise(record('a'));
    await store.createExercise(record('b'));
    expect(await store.append('a', event(1))).toEqual({ seq: 1, ...event(1) });
    expect((await store.append('a', event(2))).seq).toBe(2);
    expect((await store.append('b', event(3))).seq).toBe(1);
    expect((await store.append('a', { ...event(4), actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } })).seq).toBe(3);
    expect(await store.events('a')).toEqual([
      { seq: 1, ...event(1) },
      { seq: 2, ...event(2) },
      { seq: 3, ...event(4), actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } },
    ]);
    expect(await store.events('b')).toEqual([{ seq: 1, ...event(3) }]);
    expect(await store.events('nope')).toEqual([]);
  });

  it('numbers appends that are all in flight at once without gaps or repeats', async () => {
    const { store } = await openFresh();
    await store.createExercise(record('ex-1'));
    const stored = await Promise.all(Array.from({ length: 60 }, (_, i) => store.append('ex-1', event(i))));
    expect(stored.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const events = await store.events('ex-1');
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const s of stored) expect(events[s.seq - 1]).toEqual(s);
  });

  it('goes on numbering where it stopped after the store is closed and opened again', async () => {
    const { fixture, store } = await openFresh();
    await store.createExercise(record('ex-1'));
    await store.append('ex-1', event(1));
    await store.append('ex-1', event(2));
    await store.close();
    const reopened = await fixture.open();
    cleanup(reopened);
    expect((await reopened.append('ex-1', event(3))).seq).toBe(3);
    expect((await reopened.events('ex-1')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await reopened.getExercise('ex-1'))?.scenarioSource).toBe(record('ex-1').scenarioSource);
  });
}
