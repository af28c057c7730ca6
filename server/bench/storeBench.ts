import { Client, type Room } from '@colyseus/sdk';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Intent, IntentType } from '../../shared/protocol/intents.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { SeededRandom } from '../engine/seededRandom.ts';
import { SYSTEM_ACTOR, type NewEvent } from '../exercise/exerciseEvent.ts';
import { ExerciseSession, type SessionSeat } from '../exercise/exerciseSession.ts';
import { parseScenario } from '../scenario/loadScenario.ts';
import type { ExerciseRecord, ExerciseStore, JoinCodes } from '../store/exerciseStore.ts';
import { SqliteExerciseStore } from '../store/sqliteExerciseStore.ts';
import { FanoutChild, killAllFanoutChildren } from './fanoutChildren.ts';
import type { ServerListening } from './fanoutProtocol.ts';
import { FANOUT_SCENARIO_ID, fanoutOrganisationIds, fanoutScenarioYaml } from './fanoutScenario.ts';
import { CYBER_EUROPE_SIZE, generateLargeScenario } from './generateLargeScenario.ts';
import { round, type Figure } from './measure.ts';

/**
 * The event store (issue 5): how long a restart takes to bring an exercise of 28,000 events back (read from
 * SQLite, replayed through a fresh ExerciseSession; goal < 1 s), and how many events a second are stored
 * with acknowledgement, by the store alone and through a real room whose clients each wait for `accepted`.
 *
 * The restore is measured in fresh processes (this file run as `node --import tsx storeBench.ts restore <db>
 * <id>`), as a restarted server replays with nothing warmed up; the same measure in this (warm) process is
 * reported beside it, with a check that the replayed state is the state the live session had built.
 * SIMCELL_STORE_PROF_DIR=<dir> runs the room benchmark's server with `--cpu-prof`.
 */
const EXERCISE_ID = 'store-bench';
const ROOM_ADMIN_TOKEN = 'store-bench-admin-token';
const WALL_START = Date.UTC(2024, 3, 9, 7, 0, 0);
const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

interface RestoreTimes {
  readonly events: number;
  readonly readMs: number;
  readonly sessionMs: number;
  readonly replayMs: number;
  readonly totalMs: number;
}

export async function storeBench(quick: boolean): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'simcell-store-'));
  try {
    const figures: Figure[] = [];
    figures.push(...(await restoreFigures(quick, work)));
    figures.push(await appendFigure(quick, work));
    figures.push(await roomAppendFigure(quick, work));
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * (1) Restore: a long run of the largest bundled scenario, 28,000 events (7,000 with --quick), the figure
 * against the goal; and, without --quick, a short run of the generated Cyber-Europe-size scenario (28,000
 * injects), whose replay cost per event is far higher, so it is measured on a few hundred events.
 */
async function restoreFigures(quick: boolean, work: string): Promise<Figure[]> {
  const bundled: { scenario: Scenario; source: string }[] = [];
  for (const file of readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml'))) {
    const source = readFileSync(join(SCENARIOS_DIR, file), 'utf8');
    const parsed = parseScenario(source, file);
    if (parsed.ok) bundled.push({ scenario: parsed.scenario, source });
  }
  const largest = bundled.sort(
    (a, b) => b.scenario.injects.length - a.scenario.injects.length || a.scenario.id.localeCompare(b.scenario.id),
  )[0];
  if (!largest) throw new Error(`no valid scenario in ${SCENARIOS_DIR}`);
  const figures = await restoreFigure(work, largest.scenario, largest.source, quick ? 7_000 : 28_000, quick ? 1 : 3, quick ? 2 : 3);
  if (!quick) {
    const source = stringify(generateLargeScenario(CYBER_EUROPE_SIZE));
    const parsed = parseScenario(source, 'generated.yaml');
    if (!parsed.ok) throw new Error('the generated scenario does not validate');
    figures.push(...(await restoreFigure(work, parsed.scenario, source, 250, 1, 0)));
  }
  return figures;
}

async function restoreFigure(
  work: string,
  scenario: Scenario,
  source: string,
  target: number,
  coldRuns: number,
  warmRuns: number,
): Promise<Figure[]> {
  const file = join(work, `restore-${scenario.id}.db`);
  const store = new SqliteExerciseStore(file);
  let built: { session: ExerciseSession; counts: Record<string, number> };
  const buildStarted = performance.now();
  try {
    built = await buildLog(store, scenario, source, target);
  } finally {
    await store.close();
  }
  const buildMs = performance.now() - buildStarted;
  const liveState = stateJson(built.session);
  const name = `store.restore.${scenario.id}.${target}-events`;
  const about = { scenario: scenario.id, injects: scenario.injects.length, organisations: scenario.organisations.length, events: target };
  const parts = (t: RestoreTimes) => ({
    readMs: round(t.readMs),
    sessionMs: round(t.sessionMs),
    replayMs: round(t.replayMs),
    msPerEvent: round(t.replayMs / t.events, 3),
  });

  const cold: RestoreTimes[] = [];
  for (let i = 0; i < coldRuns; i++) cold.push(await restoreInChild(file));
  const coldMedian = medianBy(cold, (t) => t.totalMs);
  const figures: Figure[] = [
    {
      figure: `${name}.cold`,
      value: round(coldMedian.totalMs / 1000, 3),
      unit: 's',
      ...(target === 28_000 ? { goal: '< 1 s' } : {}),
      ...about,
      runs: coldRuns,
      ...parts(coldMedian),
      eventTypes: built.counts,
      dbBytes: sizeOf(file),
      buildS: round(buildMs / 1000, 1),
    },
  ];
  if (warmRuns > 0) {
    const warm: RestoreTimes[] = [];
    let stateMatches = true;
    for (let i = 0; i < warmRuns; i++) {
      const { times, session } = await restore(file, EXERCISE_ID);
      warm.push(times);
      stateMatches &&= stateJson(session) === liveState;
    }
    const warmMedian = medianBy(warm, (t) => t.totalMs);
    figures.push({
      figure: `${name}.warm`,
      value: round(warmMedian.totalMs / 1000, 3),
      unit: 's',
      ...(target === 28_000 ? { goal: '< 1 s' } : {}),
      ...about,
      runs: warmRuns,
      ...parts(warmMedian),
      /** The replayed state is the state the live session built: the event log is the truth. */
      stateMatches,
    });
  }
  return figures;
}

/**
 * Plays an exercise the way the room does (tick → `time.advanced` when it delivered something; intents
 * prepared, stored, applied) until `target` events are stored: participants of the played organisations
 * write log entries, send messages, acknowledge injects and take decisions; Control sets indicators and the
 * escalation, pauses and resumes; an evaluator records observations. Seeded: the same log every time.
 */
async function buildLog(
  store: ExerciseStore,
  scenario: Scenario,
  source: string,
  target: number,
): Promise<{ session: ExerciseSession; counts: Record<string, number> }> {
  const random = new SeededRandom(5);
  const codes: JoinCodes = { control: 'c', evaluator: 'e', observer: 'o', screen: 's', class: 'k', organisations: {} };
  const record = {
    id: EXERCISE_ID,
    name: 'Store benchmark',
    scenarioId: scenario.id,
    scenario,
    scenarioSource: source,
    codes,
    speed: 1,
    createdAt: new Date(WALL_START).toISOString(),
    status: 'ready',
  } as ExerciseRecord;
  await store.createExercise(record);
  const session = new ExerciseSession({ exerciseId: record.id, name: record.name, scenario, speed: record.speed });
  const counts: Record<string, number> = {};
  let stored = 0;
  const append = async (event: NewEvent, apply: boolean) => {
    const storedEvent = await store.append(record.id, event);
    if (apply) session.apply(storedEvent);
    counts[event.body.type] = (counts[event.body.type] ?? 0) + 1;
    stored++;
  };
  const played = scenario.organisations.filter((o) => !o.simulated).map((o) => o.id);
  const participant = (org: string, n: number): SessionSeat => ({
    role: 'participant',
    organisation: org,
    seat: null,
    participantId: `${org}-p${n}`,
    name: `Player ${n} of ${org}`,
  });
  const control: SessionSeat = { role: 'control', organisation: null, seat: null, participantId: 'control', name: 'Cora' };
  const evaluator: SessionSeat = { role: 'evaluator', organisation: null, seat: null, participantId: 'eval', name: 'Eva' };
  /** Recently delivered injects and an organisation each reached: what participants acknowledge. */
  const reached: [string, string][] = [];
  const intend = async <T extends IntentType>(type: T, intent: Intent<T>, seat: SessionSeat, wallMs: number) => {
    const prepared = session.prepare(type, intent, seat, wallMs);
    if (prepared.ok) await append(prepared.event, true);
  };

  let wall = WALL_START;
  await append({ atMs: 0, wallMs: wall, actor: SYSTEM_ACTOR, body: { type: 'exercise.started' } }, true);
  // About 1.6 events a step (a delivery, then an intent): spread the target over the exercise's duration.
  const stepMs = (scenario.durationSeconds * 1000 * 0.97) / (target / 1.6);
  let paused = false;
  for (let n = 0; stored < target; n++) {
    wall += stepMs * (0.5 + random.next());
    if (paused) {
      await intend('control.resume', {}, control, wall);
      paused = false;
      continue;
    }
    const { outputs, changed } = session.tick(wall);
    if (changed) {
      await append({ atMs: session.nowMs, wallMs: wall, actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } }, false);
      for (const o of outputs)
        if (o.kind === 'inject')
          for (const address of o.view.to) {
            const org = address.split('/')[0]!;
            if (played.includes(org)) reached.push([o.view.id, org]);
          }
      if (reached.length > 500) reached.splice(0, reached.length - 500);
    }
    if (stored >= target) break;
    const org = played[random.int(0, played.length - 1)]!;
    const seat = participant(org, random.int(0, 9));
    const roll = random.next();
    const text = `${seat.name} at step ${n}: what we see, what we did and what we need from the others. Systems, times, contacts.`;
    if (n % 4000 === 3999) {
      await intend('control.pause', {}, control, wall);
      paused = true;
    } else if (roll < 0.34) await intend('log.write', { kind: roll < 0.3 ? 'log' : 'sitrep', text }, seat, wall);
    else if (roll < 0.54) {
      const to = [played[random.int(0, played.length - 1)]!, played[random.int(0, played.length - 1)]!].filter((o) => o !== org);
      if (to.length) await intend('message.send', { to, tlp: 'TLP:GREEN', subject: `Update ${n}`, body: text }, seat, wall);
    } else if (roll < 0.74) {
      const pick = reached[random.int(0, Math.max(0, reached.length - 1))];
      if (pick) await intend('acknowledge', { inject: pick[0] }, participant(pick[1], random.int(0, 9)), wall);
    } else if (roll < 0.9) {
      const open = session.state.desks.get(org)?.openActions;
      const action = open?.length ? open[random.int(0, open.length - 1)] : undefined;
      if (action) await intend('act', { action: action.id, ...(action.report ? { text } : {}) }, seat, wall);
    } else if (roll < 0.95) {
      const indicator = scenario.indicators[random.int(0, scenario.indicators.length - 1)]!;
      await intend('control.indicator', { indicator: indicator.id, value: random.int(20, 80) }, control, wall);
    } else if (roll < 0.97) {
      const level = scenario.escalation.levels[random.int(0, scenario.escalation.levels.length - 1)]!;
      await intend('control.escalation', { level: level.id }, control, wall);
    } else await intend('observation.record', { text: `Observed: ${text}`, organisation: org }, evaluator, wall);
  }
  return { session, counts };
}

/** What a restarted room does before it opens: read the exercise and its events, build a session, replay. */
async function restore(file: string, id: string): Promise<{ times: RestoreTimes; session: ExerciseSession }> {
  const t0 = performance.now();
  const store = new SqliteExerciseStore(file);
  try {
    const record = await store.getExercise(id);
    if (!record) throw new Error(`no exercise "${id}" in ${file}`);
    const events = await store.events(id);
    const t1 = performance.now();
    const session = new ExerciseSession({
      exerciseId: record.id,
      name: record.name,
      scenario: record.scenario as Scenario,
      speed: record.speed,
    });
    const t2 = performance.now();
    session.replay(events);
    const t3 = performance.now();
    return {
      times: { events: events.length, readMs: t1 - t0, sessionMs: t2 - t1, replayMs: t3 - t2, totalMs: t3 - t0 },
      session,
    };
  } finally {
    await store.close();
  }
}

/** The restore in a fresh process, as after a restart: modules loaded, nothing run yet. */
function restoreInChild(file: string): Promise<RestoreTimes> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'restore', file, EXERCISE_ID], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)), // where `tsx` resolves
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) done(JSON.parse(line) as RestoreTimes);
      else fail(new Error(`the restore process exited (${code}): ${err.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

/** (2a) The store alone: sequential `append`s, each awaited (committed) before the next. */
async function appendFigure(quick: boolean, work: string): Promise<Figure> {
  const count = quick ? 5_000 : 50_000;
  const store = new SqliteExerciseStore(join(work, 'append.db'));
  try {
    const actor = { role: 'participant' as const, participantId: 'p1', name: 'Alice', organisation: 'bank-a' };
    const text = 'Traffic towards the login page is at 40 Gbit/s; we asked the ISP to filter and informed NCSC.';
    const started = performance.now();
    for (let i = 0; i < count; i++)
      await store.append(EXERCISE_ID, {
        atMs: i * 1000,
        wallMs: WALL_START + i,
        actor,
        body: { type: 'log.written', organisation: 'bank-a', kind: 'log', text },
      });
    const ms = performance.now() - started;
    return {
      figure: 'store.append.sqlite.throughput',
      value: round(count / (ms / 1000), 0),
      unit: 'events/s',
      events: count,
      meanUs: round((ms * 1000) / count, 1),
      durability: 'WAL, synchronous=NORMAL, one transaction per event',
    };
  } finally {
    await store.close();
  }
}

/**
 * (2b) Through a real room in its own process: `clients` participants spread over 20 organisations, each
 * sending `log.write` and waiting for `accepted` before the next (within the flood guard's burst), all at once.
 */
async function roomAppendFigure(quick: boolean, work: string): Promise<Figure> {
  const clients = quick ? 60 : 200;
  const perClient = 30; // under the flood guard's burst of 40: nothing is refused for its rate
  const organisations = fanoutOrganisationIds(20);
  const scenariosDir = join(work, 'scenarios');
  mkdirSync(scenariosDir);
  writeFileSync(join(scenariosDir, `${FANOUT_SCENARIO_ID}.yaml`), fanoutScenarioYaml(organisations.length));
  const options = JSON.stringify({ dataDir: join(work, 'room-data'), scenariosDir, adminToken: ROOM_ADMIN_TOKEN });
  const profDir = process.env.SIMCELL_STORE_PROF_DIR; // --cpu-prof for the server, like SIMCELL_FANOUT_PROF_DIR
  const server = new FanoutChild<ServerListening>(
    'simcell server',
    './fanoutSimcellServer.ts',
    [options],
    profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  );
  const rooms: Room[] = [];
  try {
    const { port } = await server.next('listening', 30_000);
    const res = await fetch(`http://127.0.0.1:${port}/api/exercises`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ROOM_ADMIN_TOKEN}` },
      body: JSON.stringify({ scenario: FANOUT_SCENARIO_ID, autostart: true }),
    });
    if (res.status !== 201) throw new Error(`could not create the exercise: ${res.status} ${await res.text()}`);
    const ex = (await res.json()) as { roomId: string; codes: JoinCodes };
    const sdk = new Client(`ws://127.0.0.1:${port}`);
    for (let i = 0; i < clients; i += 20) {
      const batch = Array.from({ length: Math.min(20, clients - i) }, (_, j) => i + j);
      const joined = await Promise.all(
        batch.map(async (k) => {
          const org = organisations[k % organisations.length]!;
          const room = await sdk.joinById(ex.roomId, { code: ex.codes.organisations[org]!, name: `Writer ${k}` });
          room.onMessage('*', () => undefined); // at once: the welcome is on its way
          room.reconnection.enabled = false;
          return room;
        }),
      );
      rooms.push(...joined);
    }
    const latencies: number[] = [];
    let refused = 0;
    const writer = (room: Room, k: number) =>
      new Promise<void>((done, fail) => {
        let sent = 0;
        let sentAt = 0;
        const timer = setTimeout(() => fail(new Error(`writer ${k}: no answer within 60 s`)), 60_000);
        const next = () => {
          if (sent === perClient) {
            clearTimeout(timer);
            return done();
          }
          sentAt = performance.now();
          room.send('log.write', {
            ref: `${k}-${++sent}`,
            kind: 'log',
            text: `Writer ${k}, entry ${sent}: the situation as we see it now.`,
          });
        };
        room.onMessage('accepted', () => {
          latencies.push(performance.now() - sentAt);
          next();
        });
        room.onMessage('rejected', () => {
          refused++;
          next();
        });
        next();
      });
    const started = performance.now();
    await Promise.all(rooms.map((room, k) => writer(room, k)));
    const ms = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN, 1);
    return {
      figure: 'store.append.room.throughput',
      value: round(latencies.length / (ms / 1000), 0),
      unit: 'events/s',
      clients,
      perClient,
      accepted: latencies.length,
      refused,
      ackP50Ms: pct(0.5),
      ackP99Ms: pct(0.99),
      wallMs: round(ms, 0),
    };
  } finally {
    await Promise.allSettled(rooms.map((room) => Promise.race([room.leave(true), new Promise((r) => setTimeout(r, 500))])));
    await server.stop();
    killAllFanoutChildren();
  }
}

/** The session's synced state as JSON, without the moment the clock was last written (a replay writes it more often). */
function stateJson(session: ExerciseSession): string {
  const json = session.state.toJSON() as { clock: Record<string, unknown> };
  delete json.clock.serverWallMs;
  return JSON.stringify(json);
}

function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

function sizeOf(file: string): number {
  let bytes = 0;
  for (const f of [file, `${file}-wal`])
    try {
      bytes += statSync(f).size;
    } catch {
      // no WAL file: checkpointed on close
    }
  return bytes;
}

// Run as a child by restoreInChild(): `storeBench.ts restore <db file> <exercise id>` prints the times as JSON.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'restore') {
  const { times } = await restore(process.argv[3]!, process.argv[4]!);
  process.stdout.write(`${JSON.stringify(times)}\n`);
}
