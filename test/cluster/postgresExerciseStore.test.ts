import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ExerciseLeases } from '../../server/cluster/exerciseLeases.ts';
import type { ExerciseStore } from '../../server/store/exerciseStore.ts';
import { PostgresExerciseStore } from '../../server/store/postgresExerciseStore.ts';
import { EXERCISES } from '../../server/store/postgresSchema.ts';
import { exerciseStoreContract } from '../unit/store/exerciseStoreContract.ts';
import { event, record } from '../unit/store/storeFixtures.ts';
import { adminQuery, freshSchema, type TestSchema } from './support/clusterServices.ts';

const WORKER = fileURLToPath(new URL('./support/appendWorker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const schemas: TestSchema[] = [];
let open: ExerciseStore[] = [];
afterEach(async () => {
  await Promise.allSettled(open.map((s) => s.close()));
  open = [];
});
afterAll(async () => {
  for (const schema of schemas) await schema.drop();
});

async function schema(): Promise<TestSchema> {
  const s = await freshSchema('store');
  schemas.push(s);
  return s;
}

async function connect(url: string, options: Parameters<typeof PostgresExerciseStore.connect>[1] = {}): Promise<PostgresExerciseStore> {
  const store = await PostgresExerciseStore.connect(url, options);
  open.push(store);
  return store;
}

/** Expires a lease now, as if its holder had stopped renewing it that long ago. */
const expireLease = (s: TestSchema, id: string) =>
  adminQuery(`UPDATE ${s.name}.${EXERCISES} SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);

describe('the PostgreSQL store keeps the ExerciseStore contract', () => {
  exerciseStoreContract(
    async () => {
      const s = await schema();
      return { open: () => PostgresExerciseStore.connect(s.url) };
    },
    (store) => open.push(store),
  );
});

describe('the PostgreSQL store in a cluster', () => {
  it('creates its tables on start, also when two processes start at once on an empty database', async () => {
    const s = await schema();
    const [a, b] = await Promise.all([connect(s.url), connect(s.url)]);
    await a.createExercise(record('ex-1'));
    expect((await b.getExercise('ex-1'))?.name).toBe('Drill ex-1');
    await connect(s.url); // a third start finds the tables there and changes nothing
    expect(await b.listExercises()).toHaveLength(1);
  });

  it('commits synchronously: an appended event is on disk for every other connection when append resolves', async () => {
    const s = await schema();
    const store = await connect(s.url);
    const other = await connect(s.url);
    expect((await store.pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit).toBe('on');
    await store.createExercise(record('ex-1'));
    for (let n = 1; n <= 20; n++) {
      const stored = await store.append('ex-1', event(n));
      expect((await other.events('ex-1')).at(-1)).toEqual(stored);
    }
  });

  it('numbers events 1, 2, … without gaps or repeats when two processes append to one exercise at once', async () => {
    const s = await schema();
    const store = await connect(s.url);
    await store.createExercise(record('ex-1'));
    const PER_PROCESS = 250;
    const workers = ['left', 'right'].map((label) => {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, s.url, 'ex-1', String(PER_PROCESS), '8', label], {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      return { child, output: () => out };
    });
    // Both connected, then both go at once.
    await Promise.all(
      workers.map(async (w) => {
        while (!w.output().includes('ready\n')) await once(w.child.stdout, 'data');
      }),
    );
    for (const w of workers) w.child.stdin.end('go\n');
    const results = await Promise.all(
      workers.map(async (w) => {
        const [code] = (await once(w.child, 'exit')) as [number];
        expect(code).toBe(0);
        return JSON.parse(w.output().split('\n').filter(Boolean).at(-1)!) as { label: string; seqs: number[] };
      }),
    );
    const all = results.flatMap((r) => r.seqs).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1));
    // The race really interleaved: each process got numbers from all over the range.
    for (const r of results) expect(Math.max(...r.seqs) - Math.min(...r.seqs)).toBeGreaterThan(PER_PROCESS);
    const events = await store.events('ex-1');
    expect(events.map((e) => e.seq)).toEqual(all);
    expect(new Set(events.map((e) => e.actor.name)).size).toBe(2 * PER_PROCESS); // every append stored once
  });

  it('leases an exercise to the process that created it; another process can neither open nor write it', async () => {
    const s = await schema();
    const a = await connect(s.url, { leaseOwner: 'A', leaseSeconds: 30 });
    const b = await connect(s.url, { leaseOwner: 'B', leaseSeconds: 30 });
    const leasesA = new ExerciseLeases(a.pool, 'A', 30);
    const leasesB = new ExerciseLeases(b.pool, 'B', 30);
    await a.createExercise(record('ex-1'));
    expect(await leasesB.acquire('ex-1')).toBe(false);
    await expect(b.append('ex-1', event(1))).rejects.toThrow('exercise "ex-1" is not leased to this process (its lease: A)');
    expect(await leasesA.acquire('ex-1')).toBe(true);
    expect(await leasesA.acquire('ex-1')).toBe(false); // not a second room for it in the same process
    expect((await a.append('ex-1', event(1))).seq).toBe(1);
    expect(await leasesA.renew()).toEqual([]);
    expect((await leasesB.orphans()).map((o) => o.id)).toEqual([]);
    expect((await a.events('ex-1')).map((e) => e.seq)).toEqual([1]);
  });

  it('lets a survivor take an expired lease; the former holder is refused from then on and learns it lost it', async () => {
    const s = await schema();
    const a = await connect(s.url, { leaseOwner: 'A', leaseSeconds: 30 });
    const b = await connect(s.url, { leaseOwner: 'B', leaseSeconds: 30 });
    const leasesA = new ExerciseLeases(a.pool, 'A', 30);
    const leasesB = new ExerciseLeases(b.pool, 'B', 30);
    await a.createExercise(record('ex-1'));
    expect(await leasesA.acquire('ex-1')).toBe(true);
    await a.append('ex-1', event(1));
    await expireLease(s, 'ex-1');
    expect(await leasesB.orphans()).toEqual([{ id: 'ex-1', formerOwner: 'A' }]);
    expect(await leasesB.acquire('ex-1')).toBe(true);
    await expect(a.append('ex-1', event(2))).rejects.toThrow('(its lease: B)');
    expect((await b.append('ex-1', event(2))).seq).toBe(2);
    expect(await leasesA.renew()).toEqual(['ex-1']);
    expect(leasesA.held()).toEqual([]);
    await leasesA.release('ex-1'); // a late release by the former holder leaves the survivor's lease alone
    expect(await leasesB.renew()).toEqual([]);
    await leasesB.release('ex-1');
    expect(await leasesA.orphans()).toEqual([{ id: 'ex-1', formerOwner: null }]);
  });

  it('gives an orphaned exercise to exactly one of several processes claiming it at once', async () => {
    const s = await schema();
    const owners = ['A', 'B', 'C'];
    const stores = await Promise.all(owners.map((o) => connect(s.url, { leaseOwner: o })));
    const leases = owners.map((o, i) => new ExerciseLeases(stores[i]!.pool, o, 30));
    for (let round = 0; round < 20; round++) {
      const id = `ex-${round}`;
      await stores[0]!.createExercise(record(id));
      await expireLease(s, id);
      const won = await Promise.all(leases.map((l) => l.acquire(id)));
      expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
      const winner = owners[won.indexOf(true)]!;
      const [row] = await adminQuery<{ lease_owner: string }>(`SELECT lease_owner FROM ${s.name}.${EXERCISES} WHERE id = $1`, [id]);
      expect(row?.lease_owner).toBe(winner);
    }
  });
});
