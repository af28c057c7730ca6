import { RedisPresence } from '@colyseus/redis-presence';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../server/exercise/audience.ts';
import { ExerciseSession } from '../../server/exercise/exerciseSession.ts';
import { PostgresExerciseStore } from '../../server/store/postgresExerciseStore.ts';
import { EVENTS, EXERCISES } from '../../server/store/postgresSchema.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { SeatClient } from '../support/seatClient.ts';
import type { ServerProcess } from '../support/serverProcess.ts';
import type { CreatedExercise } from '../support/testServer.ts';
import { ActingSeat, STORED_TYPE, type SeatSpec } from './support/actingSeat.ts';
import { LEASE_SECONDS, startClusterProcess } from './support/clusterProcess.ts';
import { adminQuery, freshSchema, REDIS_URL, type TestSchema } from './support/clusterServices.ts';

/**
 * Issue 7, cluster mode: three real SimCell processes share one PostgreSQL schema and one Redis. A client
 * reaches an exercise through whichever process it contacts; when the process that runs an exercise is
 * killed with SIGKILL while its clients act, a survivor takes the exercise over, paused, with every
 * acknowledged event, and the clients get their seats and history back by joining again with code and name.
 */
const PORTS = [2750, 2751, 2752];
const RUN = Date.now().toString(36);
/** two-banks (PT4H) lasts 24 s of wall time at 600×: long after the kill, with time moving meanwhile. */
const SPEED = 600;
const MIN_LOAD_MS = 3000;
const MIN_ACKED = 150;
const BURST = 8;

interface Reservation {
  roomId: string;
  processId: string;
  publicAddress?: string;
}

interface LeaseRow {
  lease_owner: string | null;
  status: string;
}

let schema: TestSchema;
let procs: ServerProcess[] = [];
const clients: SeatClient[] = [];
const exerciseIds: string[] = [];
const killedProcessIds: string[] = [];

beforeAll(async () => {
  schema = await freshSchema('failover');
  procs = await Promise.all(PORTS.map((port) => startClusterProcess(port, schema)));
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => Promise.race([c.leave(), sleep(500)])));
  await Promise.allSettled(procs.map((p) => p.stop()));
  // What the killed processes left in Redis (the others removed their own on stopping).
  const redis = new RedisPresence(REDIS_URL);
  for (const id of exerciseIds) await redis.hdel('roomcaches', id);
  for (const id of killedProcessIds) await redis.hdel('roomcount', id);
  redis.shutdown();
  await schema?.drop();
});

async function create(proc: ServerProcess, body: Record<string, unknown>): Promise<CreatedExercise> {
  const res = await proc.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', ...body } });
  if (res.status !== 201) throw new Error(`create failed on ${proc.http}: ${res.status} ${JSON.stringify(res.body)}\n${proc.log}`);
  const ex = res.body as CreatedExercise;
  exerciseIds.push(ex.id);
  return ex;
}

async function lease(id: string): Promise<LeaseRow> {
  const [row] = await adminQuery<LeaseRow>(`SELECT lease_owner, status FROM ${schema.name}.${EXERCISES} WHERE id = $1`, [id]);
  if (!row) throw new Error(`exercise ${id} is not in the database`);
  return row;
}

/** The lease owner of a process names its public address: `127.0.0.1:<port>#<random>`. */
const ownedBy = (owner: string | null, proc: ServerProcess) => owner?.startsWith(`${proc.http.slice('http://'.length)}#`) ?? false;

/** Colyseus's own answer to a join through `proc`: which process holds the room, and where to connect to it. */
async function reserve(proc: ServerProcess, roomId: string, options: Record<string, string>): Promise<Reservation> {
  const res = await fetch(`${proc.http}/matchmake/joinById/${roomId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  expect(res.status, `matchmaking through ${proc.http}`).toBe(200);
  return (await res.json()) as Reservation;
}

function codeOf(ex: CreatedExercise, s: SeatSpec): string {
  return s.role === 'control' ? ex.codes.control : ex.codes.organisations[s.organisation!]!;
}

/** Joins as a person would after losing the room: the code leads to the exercise (GET /api/codes), then code + name. */
async function joinByCode(proc: ServerProcess, ex: CreatedExercise, s: SeatSpec): Promise<SeatClient> {
  const code = codeOf(ex, s);
  const found = (await (await fetch(`${proc.http}/api/codes/${code}`)).json()) as { roomId: string };
  expect(found.roomId).toBe(ex.roomId);
  const client = await SeatClient.join(proc.ws, found.roomId, { code, name: s.name, ...(s.seat ? { seat: s.seat } : {}) });
  client.room.reconnection.enabled = false; // a lost room is joined again by code, as the browser client does
  clients.push(client);
  return client;
}

const viewerOf = (s: SeatSpec): Viewer => ({ role: s.role, organisation: s.organisation, seat: s.seat });

interface StateJson {
  clock: { status: string; speed: number; anchorExerciseMs: number };
  control: { notice: string; phase: string; acknowledgements: unknown; expectations: unknown; participants: Record<string, unknown> };
  indicators: unknown;
  escalation: unknown;
  desks: unknown;
  headlines: unknown;
}

const stateOf = (state: unknown) => (state as { toJSON(): StateJson }).toJSON();

/** The part of the state the event log decides (not the clock a takeover pauses, nor who is online). */
const decided = (s: StateJson) => ({
  indicators: s.indicators,
  escalation: s.escalation,
  desks: s.desks,
  headlines: s.headlines,
  phase: s.control.phase,
  acknowledgements: s.control.acknowledgements,
  expectations: s.control.expectations,
});

describe('cluster mode (issue 7): three processes, one PostgreSQL, one Redis', () => {
  it('brings a client to the exercise whichever process it contacts first', async () => {
    const [p0, p1, p2] = procs as [ServerProcess, ServerProcess, ServerProcess];
    const ex = await create(p1, { speed: 60 });
    expect(ownedBy((await lease(ex.id)).lease_owner, p1)).toBe(true);

    for (const proc of procs) {
      // The HTTP API answers from the shared store on every process …
      const listed = (await proc.api('/api/exercises')).body as { id: string }[];
      expect(listed.map((e) => e.id)).toContain(ex.id);
      const found = (await (await fetch(`${proc.http}/api/codes/${ex.codes.organisations['bank-a']}`)).json()) as { roomId: string };
      expect(found.roomId).toBe(ex.roomId);
      // … and matchmaking on every process sends the client to the one process that runs the room.
      const seat = await reserve(proc, ex.roomId, { code: ex.codes.observer, name: `Probe via ${proc.http}` });
      expect(seat).toMatchObject({ roomId: ex.roomId, publicAddress: '127.0.0.1:2751' });
    }

    // Real clients, each through another process, end up in the same room.
    const control: SeatSpec = { name: 'Cora', role: 'control', organisation: null, seat: null };
    const ana: SeatSpec = { name: 'Ana', role: 'participant', organisation: 'bank-a', seat: null };
    const ben: SeatSpec = { name: 'Ben', role: 'participant', organisation: 'bank-b', seat: null };
    const [cora, anaClient, benClient] = await Promise.all([joinByCode(p0, ex, control), joinByCode(p2, ex, ana), joinByCode(p1, ex, ben)]);
    expect(await cora.must('control.start', {})).toBe(1);
    const seq = await anaClient.must('message.send', { to: ['bank-b'], tlp: 'TLP:GREEN', subject: 'Via 2752', body: 'Do you see this?' });
    expect((await benClient.waitFor('message', (m) => m.id === `m${seq}`)).subject).toBe('Via 2752');
    await expect.poll(() => Object.keys(stateOf(cora.room.state).control.participants).length).toBe(3);
  });

  it('restores the exercise of a killed process on a survivor, paused, with every acknowledged event; clients rejoin their seats', async () => {
    const [p0, p1, p2] = procs as [ServerProcess, ServerProcess, ServerProcess];
    const ex = await create(p2, { speed: SPEED });
    const holderProcessId = (await reserve(p0, ex.roomId, { code: ex.codes.observer, name: 'Probe' })).processId;
    const seats: SeatSpec[] = [
      { name: 'Cora', role: 'control', organisation: null, seat: null },
      ...['ncsc', 'bank-a', 'bank-b'].flatMap((organisation) =>
        [0, 1].map((i) => ({
          name: `${organisation} player ${i}`,
          role: 'participant' as const,
          organisation,
          seat: organisation === 'bank-a' && i === 0 ? 'soc' : null,
        })),
      ),
    ];
    // Everyone joins through the two processes that will survive; the room runs on the third.
    const joined = await Promise.all(seats.map((s, i) => joinByCode(i % 2 ? p1 : p0, ex, s)));
    const participantIds = joined.map((c) => c.welcome.seat.participantId);
    expect(await joined[0]!.must('control.start', {})).toBe(1);
    const players = seats.map((s, i) => new ActingSeat(s, joined[i]!, RUN));

    const playing = players.map((p) => p.play());
    const loadStarted = Date.now();
    const ackedSoFar = () => players.reduce((n, p) => n + p.acked.length, 0);
    while (Date.now() - loadStarted < MIN_LOAD_MS || ackedSoFar() < MIN_ACKED) {
      if (Date.now() - loadStarted > 30_000) throw new Error(`only ${ackedSoFar()} intents accepted in 30 s:\n${p2.log}`);
      await sleep(50);
    }
    // The kill lands in a burst: every seat has intents in flight, the server part-way through them.
    const before = ackedSoFar();
    for (const p of players) p.burst(BURST);
    while (ackedSoFar() < before + BURST) await new Promise((resolve) => setImmediate(resolve));
    const inFlightAtKill = players.reduce((n, p) => n + p.inFlight, 0);
    const killedAt = Date.now();
    expect((await p2.kill('SIGKILL')).signal).toBe('SIGKILL');
    killedProcessIds.push(holderProcessId);
    for (const p of players) p.stop();
    await sleep(500); // the closing connections answer nothing more
    const unanswered = players.reduce((n, p) => n + p.abandon(), 0);
    await Promise.all(playing);
    expect(inFlightAtKill).toBeGreaterThan(0);

    // A survivor takes it over once the lease runs out: paused, by the room's own restore.
    await expect
      .poll(async () => lease(ex.id), { timeout: (LEASE_SECONDS + 10) * 1000, interval: 100 })
      .toMatchObject({ status: 'paused', lease_owner: expect.stringMatching(/^127\.0\.0\.1:275[01]#/) });
    const takeoverMs = Date.now() - killedAt;
    const owner = (await lease(ex.id)).lease_owner!;
    const survivor = ownedBy(owner, p0) ? p0 : p1;
    // Exactly one room for it, on the lease holder: the matchmaker's listing says where, and sends clients there.
    const listing = await reserve(survivor === p0 ? p1 : p0, ex.roomId, { code: ex.codes.observer, name: 'Probe 2' });
    expect(listing.publicAddress).toBe(owner.split('#')[0]);
    expect(listing.processId).not.toBe(holderProcessId);

    // Every acknowledged event is stored, with what was sent; after them, only the takeover's pause.
    const store = await PostgresExerciseStore.connect(schema.url);
    const record = (await store.getExercise(ex.id))!;
    const events = await store.events(ex.id);
    await store.close();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ actor: { role: 'system' }, body: { type: 'clock.paused' } });
    expect(events.filter((e) => e.body.type === 'clock.paused')).toHaveLength(1);
    expect(events.some((e) => e.body.type === 'time.advanced')).toBe(true);
    const acked = players.flatMap((p) => p.acked.map((a) => ({ spec: p.spec, ...a })));
    expect(new Set(acked.map((a) => a.seq)).size).toBe(acked.length);
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    const missing = acked.filter((a) => {
      const stored = bySeq.get(a.seq);
      return (
        !stored ||
        stored.actor.name !== a.spec.name ||
        stored.body.type !== STORED_TYPE[a.type] ||
        !JSON.stringify(stored.body).includes(a.token)
      );
    });
    expect(
      missing.map((a) => `${a.seq} ${a.type} by ${a.spec.name}`),
      'acknowledged but not stored as sent',
    ).toEqual([]);
    const expected = new ExerciseSession({
      exerciseId: record.id,
      name: record.name,
      scenario: record.scenario as Scenario,
      speed: record.speed,
    });
    expected.replay(events);

    // Everyone joins again by code and name, through either survivor, and gets their seat and history back.
    const again = await Promise.all(seats.map((s, i) => joinByCode(i % 2 ? p0 : p1, ex, s)));
    again.forEach((client, i) => {
      const spec = seats[i]!;
      expect(client.welcome.seat.participantId, spec.name).toBe(participantIds[i]);
      const history = expected.historyFor(viewerOf(spec));
      expect(client.welcome.injects, `${spec.name}: injects`).toEqual(history.injects);
      expect(client.welcome.messages, `${spec.name}: messages`).toEqual(history.messages);
      expect(client.welcome.logs, `${spec.name}: logs`).toEqual(history.logs);
      const ids = new Set([...client.welcome.logs, ...client.welcome.messages].map((item) => item.id));
      for (const a of players[i]!.acked.filter((x) => x.type !== 'act'))
        expect(ids.has(`${a.type === 'message.send' ? 'm' : 'l'}${a.seq}`), `${spec.name}: own ${a.type} ${a.seq}`).toBe(true);
    });
    const cora = again[0]!;
    await expect.poll(() => stateOf(cora.room.state).control.notice).toMatch(/^Restored after a server restart/);
    const restored = stateOf(cora.room.state);
    expect(restored.clock).toMatchObject({ status: 'paused', speed: SPEED, anchorExerciseMs: expected.nowMs });
    expect(decided(restored)).toEqual(decided(stateOf(expected.state)));
    expect(restored.control.phase).toBe('coordination'); // the banks' reports moved it on: there is something to compare

    // And it goes on from there.
    expect(await cora.must('control.resume', {})).toBe(events.length + 1);

    // eslint-disable-next-line no-console -- the figures of this run, for the report
    console.info(
      JSON.stringify({
        acknowledged: acked.length,
        stored: events.length,
        inFlightAtKill,
        unanswered,
        takeoverMs,
        leaseSeconds: LEASE_SECONDS,
      }),
    );
  });

  it('hands the exercises of a process stopped on purpose to a survivor at once, without waiting for the lease', async () => {
    const [leaving, staying] = procs.filter((p) => p.running) as [ServerProcess, ServerProcess];
    const ex = await create(leaving, { speed: 60, autostart: true });
    const cora: SeatSpec = { name: 'Cora', role: 'control', organisation: null, seat: null };
    const client = await joinByCode(staying, ex, cora);
    const seq = await client.must('observation.record', { text: `Before the stop (${RUN})` });
    const left = new Promise<void>((resolve) => client.room.onLeave(() => resolve()));

    await leaving.stop();
    expect(leaving.running).toBe(false);
    await left;
    // Given back on the way out, not left to run out.
    expect(ownedBy((await lease(ex.id)).lease_owner, leaving)).toBe(false);
    await expect
      .poll(async () => lease(ex.id), { timeout: 5000, interval: 100 })
      .toMatchObject({ status: 'paused', lease_owner: expect.stringMatching(/^127\.0\.0\.1:\d+#/) });
    expect(ownedBy((await lease(ex.id)).lease_owner, staying)).toBe(true);

    const back = await joinByCode(staying, ex, cora);
    expect(back.welcome.logs.map((l) => l.id)).toContain(`l${seq}`);
    await expect.poll(() => stateOf(back.room.state).clock.status).toBe('paused');
  });

  it('closes the room of a process that lost its lease, and refuses its writes from the moment it lost it', async () => {
    const [holder] = procs.filter((p) => p.running) as [ServerProcess];
    const ex = await create(holder, { speed: 60, autostart: true });
    const cora: SeatSpec = { name: 'Cora', role: 'control', organisation: null, seat: null };
    const client = await joinByCode(holder, ex, cora);
    await client.must('observation.record', { text: 'Before the lease moved' });
    const left = new Promise<void>((resolve) => client.room.onLeave(() => resolve()));
    const storedBefore = (await adminQuery(`SELECT seq FROM ${schema.name}.${EVENTS} WHERE exercise_id = $1`, [ex.id])).length;

    // As if this process had stalled past its lease and another had taken the exercise over meanwhile.
    await adminQuery(
      `UPDATE ${schema.name}.${EXERCISES} SET lease_owner = '127.0.0.1:9#elsewhere', lease_expires_at = now() + interval '1 hour' WHERE id = $1`,
      [ex.id],
    );
    const answer = await Promise.race([
      client.intent('observation.record', { text: 'After the lease moved' }),
      left.then(() => 'closed' as const),
    ]);
    if (answer !== 'closed') expect(answer).toMatchObject({ ok: false, code: 'STORE_FAILED' });
    await left; // closed at its next renewal
    const stored = await adminQuery(`SELECT seq FROM ${schema.name}.${EVENTS} WHERE exercise_id = $1`, [ex.id]);
    expect(stored).toHaveLength(storedBefore); // nothing written behind the new holder's back
    expect((await lease(ex.id)).lease_owner).toBe('127.0.0.1:9#elsewhere');
  });
});
