import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../server/exercise/audience.ts';
import type { StoredEvent } from '../../server/exercise/exerciseEvent.ts';
import { ExerciseSession } from '../../server/exercise/exerciseSession.ts';
import type { ExerciseRecord } from '../../server/store/exerciseStore.ts';
import { SqliteExerciseStore } from '../../server/store/sqliteExerciseStore.ts';
import type { ServerMessages } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { SeatClient } from '../support/seatClient.ts';
import { ServerProcess } from '../support/serverProcess.ts';
import type { CreatedExercise } from '../support/testServer.ts';

/**
 * Issue 5, fault test: a real SimCell process is killed with SIGKILL while 20 real SDK clients act
 * continuously, then started again on the same data directory. Nothing acknowledged may be lost, and the
 * exercise must come back exactly as its stored events rebuild it: paused, with the restart notice.
 * The expected state is computed here, by replaying the events the killed process had stored through an
 * ExerciseSession of our own. A second test kills a quiet exercise whose state time alone had changed (it
 * ended on its clock), and compares the restart with what Control saw just before the kill.
 */
const PORT = 2730;
const TIME_ONLY_PORT = 2731;
/** Exercise seconds per wall second: two-banks (PT4H) would end after 24 s, far after the kill. */
const SPEED = 600;
/** The 20 clients act for at least MIN_LOAD_MS and until MIN_ACKED intents were accepted, at most MAX_LOAD_MS. */
const MIN_LOAD_MS = 3000;
const MAX_LOAD_MS = 12_000;
const MIN_ACKED = 600;
/** Intents each client sends at once just before the kill. */
const BURST = 10;
const RUN = Date.now().toString(36);

type Accepted = ServerMessages['accepted'];
type Rejected = ServerMessages['rejected'];
type Payload = Record<string, unknown>;

interface SeatSpec {
  readonly name: string;
  readonly role: 'control' | 'participant';
  readonly organisation: string | null;
  readonly seat: string | null;
}

interface Acked {
  readonly seq: number;
  readonly type: string;
  readonly payload: Payload;
}

const PLAYED = ['ncsc', 'bank-a', 'bank-b'];

/** 2 × Control and 6 participants in each played organisation, three of Bank A's in its SOC seat. */
const SEATS: SeatSpec[] = [
  { name: 'Cora', role: 'control', organisation: null, seat: null },
  { name: 'Conrad', role: 'control', organisation: null, seat: null },
  ...PLAYED.flatMap((organisation) =>
    Array.from({ length: 6 }, (_, i) => ({
      name: `${organisation} player ${i}`,
      role: 'participant' as const,
      organisation,
      seat: organisation === 'bank-a' && i < 3 ? 'soc' : null,
    })),
  ),
];

const viewerOf = (s: SeatSpec): Viewer => ({ role: s.role, organisation: s.organisation, seat: s.seat });

function codeOf(ex: CreatedExercise, s: SeatSpec): string {
  return s.role === 'control' ? ex.codes.control : ex.codes.organisations[s.organisation!]!;
}

async function joinSeat(server: ServerProcess, ex: CreatedExercise, s: SeatSpec): Promise<SeatClient> {
  const client = await SeatClient.join(server.ws, ex.roomId, { code: codeOf(ex, s), name: s.name, ...(s.seat ? { seat: s.seat } : {}) });
  client.room.reconnection.enabled = false; // a dropped connection ends here: the server is gone, not flaky
  return client;
}

/**
 * One of the 20: sends valid intents one after another, each after the previous one was answered, and
 * records every `accepted` it gets. Its own handlers take `accepted` and `rejected`; everything else still
 * reaches the SeatClient's record.
 */
class Player {
  readonly acked: Acked[] = [];
  readonly rejected: Rejected[] = [];
  private readonly pending = new Map<string, { type: string; payload: Payload; resolve: (answered: boolean) => void }>();
  private readonly left: Promise<void>;
  private n = 0;
  private stopped = false;

  constructor(
    readonly spec: SeatSpec,
    readonly client: SeatClient,
  ) {
    const room = client.room;
    room.onMessage('accepted', (p: Accepted) => {
      const sent = p.ref ? this.pending.get(p.ref) : undefined;
      if (!sent) return;
      this.pending.delete(p.ref!);
      this.acked.push({ seq: p.seq, type: sent.type, payload: sent.payload });
      sent.resolve(true);
    });
    room.onMessage('rejected', (p: Rejected) => {
      const sent = p.ref ? this.pending.get(p.ref) : undefined;
      if (!sent) return;
      this.pending.delete(p.ref!);
      this.rejected.push(p);
      sent.resolve(true);
    });
    this.left = new Promise((resolve) => room.onLeave(() => resolve()));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  async play(): Promise<void> {
    while (!this.stopped) {
      const [type, payload] = this.next();
      const answered = await this.send(type, payload);
      if (!answered) return;
      await sleep(45 + Math.floor(Math.random() * 20)); // ~15 intents a second: under the flood guard's 20
    }
  }

  /** Sends `count` intents at once, without waiting for their answers (within the flood guard's burst). */
  burst(count: number): void {
    for (let i = 0; i < count; i++) {
      const [type, payload] = this.next();
      void this.send(type, payload);
    }
  }

  send(type: string, payload: Payload): Promise<boolean> {
    const ref = `${this.spec.name}#${++this.n}`;
    const answered = new Promise<boolean>((resolve) => this.pending.set(ref, { type, payload, resolve }));
    this.client.room.send(type, { ref, ...payload });
    return answered;
  }

  stop(): void {
    this.stopped = true;
  }

  /** After the kill: waits for the connection to close, then gives up on what was never answered. */
  async abandon(): Promise<number> {
    await Promise.race([this.left, sleep(3000)]);
    const lost = this.pending.size;
    for (const sent of this.pending.values()) sent.resolve(false);
    this.pending.clear();
    return lost;
  }

  private next(): [string, Payload] {
    const n = this.n + 1;
    const s = this.spec;
    const unique = `${s.name} #${n} (${RUN})`;
    if (s.role === 'control') {
      switch (n % 6) {
        case 0:
          return [
            'message.send',
            { as: 'isp', to: ['bank-a', 'bank-b'], tlp: 'TLP:GREEN', subject: `ISP update ${unique}`, body: `Filtering ${unique}` },
          ];
        case 1:
          return ['observation.record', { text: `Observed ${unique}`, organisation: PLAYED[n % 3] }];
        case 2:
          return ['control.indicator', { indicator: 'media', value: (n * 7) % 60 }]; // may cross 50: the media storm
        case 3:
          return n < 12
            ? ['control.actAs', { organisation: 'isp', action: 'filter-traffic' }]
            : ['control.escalation', { level: n % 4 ? 'incident' : 'large-scale' }];
        case 4:
          return ['control.indicator', { indicator: 'availability', value: 60 + (n % 40) }]; // never below 20: no crisis
        default:
          return ['message.send', { to: ['ncsc'], tlp: 'TLP:AMBER', subject: `Control asks ${unique}`, body: `Please report ${unique}` }];
      }
    }
    const org = s.organisation!;
    const others = PLAYED.filter((o) => o !== org);
    switch (n % 6) {
      case 0:
      case 3:
        return ['log.write', { kind: n % 2 ? 'sitrep' : 'log', text: `Log ${unique}` }];
      case 1:
        return [
          'message.send',
          { to: [others[n % 2]!], tlp: n % 4 === 1 ? 'TLP:GREEN' : 'TLP:CLEAR', subject: `Status ${unique}`, body: `We see ${unique}` },
        ];
      case 2: {
        const injects = this.client.injects();
        const inject = injects[n % Math.max(1, injects.length)];
        return inject ? ['acknowledge', { inject: inject.id }] : ['log.write', { kind: 'log', text: `Waiting ${unique}` }];
      }
      case 4: {
        // A decision (once per organisation: later attempts are refused), else a forward of what came in.
        if (org !== 'ncsc' && n < 20) return ['act', { action: 'report-ncsc', text: `Reported ${unique}` }];
        const message = this.client.messages().find((m) => m.from !== org && m.from !== 'control' && PLAYED.includes(m.from));
        if (message)
          return [
            'message.send',
            {
              to: [message.from],
              tlp: message.tlp,
              subject: `Fwd ${unique}`,
              body: `See below ${unique}`,
              forward: { kind: 'message', id: message.id },
            },
          ];
        return ['log.write', { kind: 'log', text: `Nothing to forward ${unique}` }];
      }
      default:
        return ['log.write', { kind: 'sitrep', text: `Sitrep ${unique}` }];
    }
  }
}

/** What the store must hold for an acknowledged intent, in the shape of GET /api/exercises/:id/events. */
function expectedEvent(spec: SeatSpec, a: Acked): Payload {
  const p = a.payload;
  const actor = { role: spec.role, name: spec.name, organisation: spec.organisation };
  const base = { seq: a.seq, actor };
  switch (a.type) {
    case 'control.start':
      return { ...base, type: 'exercise.started' };
    case 'log.write':
      return { ...base, type: 'log.written', organisation: spec.organisation, kind: p.kind, text: p.text };
    case 'message.send':
      return {
        ...base,
        type: 'message.sent',
        from: p.as ?? spec.organisation ?? 'control',
        to: p.to,
        tlp: p.tlp,
        subject: p.subject,
        body: p.body,
        simulated: p.as !== undefined,
        ...(p.forward ? { forward: p.forward } : {}),
      };
    case 'acknowledge':
      return { ...base, type: 'inject.acknowledged', inject: p.inject, organisation: spec.organisation };
    case 'act':
      return {
        ...base,
        type: 'action.taken',
        action: p.action,
        organisation: spec.organisation,
        text: p.text,
        byControl: false,
        ...(spec.seat ? { seat: spec.seat } : {}),
      };
    case 'control.actAs':
      return { ...base, type: 'action.taken', action: p.action, organisation: p.organisation, byControl: true };
    case 'observation.record':
      return { ...base, type: 'observation.recorded', text: p.text, organisation: p.organisation };
    case 'control.indicator':
      return { ...base, type: 'control.indicator', indicator: p.indicator, value: p.value };
    case 'control.escalation':
      return { ...base, type: 'control.escalation', level: p.level };
    default:
      throw new Error(`no expectation for ${a.type}`);
  }
}

/** GET /api/exercises/:id/events's shape of a stored event. */
function asApiEvent(e: StoredEvent): Payload {
  const { type, ...payload } = e.body;
  return {
    seq: e.seq,
    type,
    atSeconds: e.atMs / 1000,
    wallTime: new Date(e.wallMs).toISOString(),
    actor: { role: e.actor.role, name: e.actor.name, organisation: e.actor.organisation },
    ...payload,
  };
}

interface StateJson {
  exerciseId: string;
  scenarioId: string;
  clock: { status: string; speed: number; anchorExerciseMs: number };
  control: Payload & { notice: string; endReason: string; phase: string };
  [key: string]: unknown;
}

const stateOf = (state: unknown) => (state as { toJSON(): StateJson }).toJSON();

/**
 * The part of the state the event log decides: indicators, escalation, phase, expectations,
 * acknowledgements, desks (open decisions, acknowledged injects), headlines, what is upcoming. Not the clock
 * (a restart pauses it), who is online, the restart notice or anything else the room sets on its own.
 */
function decided(json: StateJson): Payload {
  const c = json.control;
  return {
    exerciseId: json.exerciseId,
    scenarioId: json.scenarioId,
    indicators: json.indicators,
    escalation: json.escalation,
    headlines: json.headlines,
    desks: json.desks,
    control: {
      phase: c.phase,
      phaseTitle: c.phaseTitle,
      phaseEnteredAtMs: c.phaseEnteredAtMs,
      endReason: c.endReason,
      upcoming: c.upcoming,
      expectations: c.expectations,
      acknowledgements: c.acknowledgements,
    },
  };
}

/** Reads the data directory as the killed process left it: the exercise and every event it had committed. */
async function storedBeforeRestart(dataDir: string, id: string): Promise<{ record: ExerciseRecord; events: StoredEvent[] }> {
  const store = new SqliteExerciseStore(join(dataDir, 'simcell.db'));
  try {
    const record = await store.getExercise(id);
    if (!record) throw new Error(`exercise ${id} is not in the store`);
    return { record, events: await store.events(id) };
  } finally {
    await store.close();
  }
}

function replay(record: ExerciseRecord, events: readonly StoredEvent[]): ExerciseSession {
  const session = new ExerciseSession({
    exerciseId: record.id,
    name: record.name,
    scenario: record.scenario as Scenario,
    speed: record.speed,
  });
  session.replay(events);
  return session;
}

const dirs: string[] = [];
const servers: ServerProcess[] = [];
const openClients: SeatClient[] = [];
afterAll(async () => {
  await Promise.allSettled(openClients.map((c) => Promise.race([c.leave(), sleep(500)])));
  await Promise.allSettled(servers.map((s) => s.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'simcell-fault-'));
  dirs.push(dir);
  return dir;
}

describe('kill -9 mid-exercise (issue 5)', () => {
  it('loses no acknowledged event, and the restarted exercise is the replay of what was stored, paused', { timeout: 90_000 }, async () => {
    const started = Date.now();
    const dataDir = freshDataDir();
    const server = await ServerProcess.start({ port: PORT, dataDir });
    servers.push(server);
    const created = await server.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', speed: SPEED } });
    expect(created.status).toBe(201);
    const ex = created.body as CreatedExercise;

    // 20 seats: 2 × Control, 18 participants of the played organisations.
    const players = await Promise.all(SEATS.map(async (spec) => new Player(spec, await joinSeat(server, ex, spec))));
    openClients.push(...players.map((p) => p.client));
    const control = players[0]!;
    expect(await control.send('control.start', {})).toBe(true);
    expect(control.acked).toEqual([{ seq: 1, type: 'control.start', payload: {} }]);

    // Everyone acts continuously; the process is killed while intents are in flight.
    const playing = players.map((p) => p.play());
    const loadStarted = Date.now();
    const ackedSoFar = () => players.reduce((n, p) => n + p.acked.length, 0);
    while (Date.now() - loadStarted < MAX_LOAD_MS && (Date.now() - loadStarted < MIN_LOAD_MS || ackedSoFar() < MIN_ACKED)) await sleep(50);
    const loadMs = Date.now() - loadStarted;
    // The kill lands in the middle of a burst: 200 intents sent at once, the server part-way through them.
    const ackedBeforeBurst = ackedSoFar();
    for (const p of players) p.burst(BURST);
    const burstStarted = Date.now();
    while (ackedSoFar() < ackedBeforeBurst + BURST * 2 && Date.now() - burstStarted < 5000) await new Promise((r) => setImmediate(r));
    const inFlightAtKill = players.reduce((n, p) => n + p.inFlight, 0);
    const exit = await server.kill('SIGKILL');
    for (const p of players) p.stop();
    const lost = (await Promise.all(players.map((p) => p.abandon()))).reduce((a, b) => a + b, 0);
    await Promise.all(playing);
    expect(exit.signal).toBe('SIGKILL');

    const acked = players.flatMap((p) => p.acked.map((a) => ({ spec: p.spec, ...a })));
    const seqs = acked.map((a) => a.seq);
    expect(new Set(seqs).size).toBe(seqs.length); // one number per acknowledged intent
    expect(acked.length).toBeGreaterThan(100);
    expect(inFlightAtKill).toBeGreaterThan(BURST * 5);

    // What the killed process had committed: every acknowledged event, with what was sent.
    const before = await storedBeforeRestart(dataDir, ex.id);
    const storedBySeq = new Map(before.events.map((e) => [e.seq, e]));
    expect(before.events.map((e) => e.seq)).toEqual(before.events.map((_, i) => i + 1));
    const missing = acked.filter((a) => !storedBySeq.has(a.seq)).map((a) => `${a.seq} ${a.type} by ${a.spec.name}`);
    expect(missing, 'acknowledged but not stored').toEqual([]);
    for (const a of acked) expect(asApiEvent(storedBySeq.get(a.seq)!), `event ${a.seq}`).toMatchObject(expectedEvent(a.spec, a));
    expect(before.events.some((e) => e.body.type === 'time.advanced')).toBe(true);
    expect(before.record.status).toBe('running');
    const expected = replay(before.record, before.events);

    // Nothing anyone was shown before the kill is missing from the stored events, or different in them.
    for (const p of players) {
      const history = expected.historyFor(viewerOf(p.spec));
      const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
      const [logs, messages, injects] = [byId(history.logs), byId(history.messages), byId(history.injects)];
      for (const l of p.client.logs()) expect(logs.get(l.id), `${p.spec.name} saw log ${l.id}`).toEqual(l);
      for (const m of p.client.messages()) expect(messages.get(m.id), `${p.spec.name} saw message ${m.id}`).toEqual(m);
      for (const i of p.client.injects()) expect(injects.get(i.id), `${p.spec.name} saw inject ${i.id}`).toEqual(i);
    }

    // Restart on the same data directory.
    const restartStarted = Date.now();
    await server.restart();
    const restartedAt = Date.now();

    // Every acknowledged event is served by the API, with the same content; after them only the restart's pause.
    const events = (await server.api(`/api/exercises/${ex.id}/events`)).body as Payload[];
    expect(events.slice(0, before.events.length)).toEqual(before.events.map(asApiEvent));
    expect(events.slice(before.events.length)).toEqual([
      expect.objectContaining({ seq: before.events.length + 1, type: 'clock.paused', actor: expect.objectContaining({ role: 'system' }) }),
    ]);
    const apiBySeq = new Map(events.map((e) => [e.seq as number, e]));
    for (const a of acked) expect(apiBySeq.get(a.seq), `event ${a.seq}`).toMatchObject(expectedEvent(a.spec, a));
    expect(((await server.api(`/api/exercises/${ex.id}`)).body as { status: string }).status).toBe('paused');

    // Everyone comes back: Control sees the exercise paused with the notice, in the state the events rebuild.
    const again = new Map(await Promise.all(SEATS.map(async (spec) => [spec, await joinSeat(server, ex, spec)] as const)));
    openClients.push(...again.values());
    const cora = again.get(SEATS[0]!)!;
    await expect.poll(() => stateOf(cora.room.state).control.notice, { timeout: 5000 }).toMatch(/^Restored after a server restart/);
    const restored = stateOf(cora.room.state);
    expect(restored.clock).toMatchObject({ status: 'paused', speed: SPEED, anchorExerciseMs: expected.nowMs });
    expect(decided(restored)).toEqual(decided(stateOf(expected.state)));
    expect(restored.control.phase).toBe('coordination'); // Bank A's report moved it on: there is something to compare

    // Each reconnecting seat gets its full history, with everything it had sent and been told.
    for (const [spec, client] of again) {
      const history = expected.historyFor(viewerOf(spec));
      expect(client.welcome.injects, `${spec.name}: injects`).toEqual(history.injects);
      expect(client.welcome.messages, `${spec.name}: messages`).toEqual(history.messages);
      expect(client.welcome.logs, `${spec.name}: logs`).toEqual(history.logs);
      const mine = acked.filter((a) => a.spec === spec);
      const logIds = new Set(client.welcome.logs.map((l) => l.id));
      const messageIds = new Set(client.welcome.messages.map((m) => m.id));
      for (const a of mine.filter((x) => x.type === 'log.write' || x.type === 'acknowledge' || x.type === 'observation.record'))
        expect(logIds.has(`l${a.seq}`), `${spec.name}: own ${a.type} ${a.seq}`).toBe(true);
      for (const a of mine.filter((x) => x.type === 'message.send'))
        expect(messageIds.has(`m${a.seq}`), `${spec.name}: own message ${a.seq}`).toBe(true);
    }

    // And it goes on from there: Control resumes, numbering continues after the restart's pause.
    const resumer = new Player(SEATS[0]!, cora);
    expect(await resumer.send('control.resume', {})).toBe(true);
    expect(resumer.acked[0]?.seq).toBe(before.events.length + 2);

    const rejectedCodes = players.flatMap((p) => p.rejected.map((r) => r.code));
    // eslint-disable-next-line no-console -- the figures of this run, for the report
    console.info(
      JSON.stringify({
        acknowledged: acked.length,
        stored: before.events.length,
        inFlightAtKill,
        unanswered: lost,
        storedNotAcknowledged: before.events.filter((e) => e.actor.role !== 'system' && !seqs.includes(e.seq)).length,
        rejected: Object.fromEntries([...new Set(rejectedCodes)].map((c) => [c, rejectedCodes.filter((x) => x === c).length])),
        loadMs,
        restartMs: restartedAt - restartStarted,
        totalMs: Date.now() - started,
      }),
    );
    await Promise.all([...again.values()].map((c) => c.leave()));
  });

  it(
    'keeps a change made by time alone: an exercise that ended on its clock is still ended after the kill',
    { timeout: 45_000 },
    async () => {
      const dataDir = freshDataDir();
      const server = await ServerProcess.start({ port: TIME_ONLY_PORT, dataDir });
      servers.push(server);
      // two-banks at 3600×: its PT4H are over after 4 s of wall time, and the last inject (decision-time) came at PT3H.
      const created = await server.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', speed: 3600, autostart: true } });
      const ex = created.body as CreatedExercise;
      const spec = SEATS[0]!;
      const cora = await joinSeat(server, ex, spec);
      openClients.push(cora);
      await expect.poll(() => stateOf(cora.room.state).control.endReason, { timeout: 15_000 }).toBe('duration');
      await sleep(300); // nothing in flight: what Control sees is the state before the kill
      const beforeKill = stateOf(cora.room.state);
      const statusBeforeKill = ((await server.api(`/api/exercises/${ex.id}`)).body as { status: string }).status;
      await server.kill('SIGKILL');
      await server.restart();

      const back = await joinSeat(server, ex, spec);
      openClients.push(back);
      await expect.poll(() => stateOf(back.room.state).exerciseId, { timeout: 5000 }).toBe(ex.id);
      const restored = stateOf(back.room.state);
      const statusAfter = ((await server.api(`/api/exercises/${ex.id}`)).body as { status: string }).status;
      // The end came from time alone (no intent, no delivery): nothing was stored for it, so a replay cannot
      // reach it. Soft assertions, to show every difference in one run.
      expect.soft(beforeKill.clock.status, 'clock shown after the end, before the kill').toBe('ended');
      expect.soft(statusBeforeKill, 'stored status after the end, before the kill').toBe('ended');
      expect.soft(restored.control.endReason, 'endReason after the restart').toBe('duration');
      expect.soft(statusAfter, 'stored status after the restart').toBe('ended');
      expect.soft(restored.clock.anchorExerciseMs, 'exercise time after the restart').toBeGreaterThanOrEqual(4 * 3600_000);
      expect(decided(restored)).toEqual(decided(beforeKill));
      await back.leave();
    },
  );
});
