import { Client, type Room } from '@colyseus/sdk';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JoinCodes } from '../store/exerciseStore.ts';
import { FanoutChild, killAllFanoutChildren } from './fanoutChildren.ts';
import {
  clockNow,
  FANOUT_TRIGGER,
  roundTitle,
  type FanoutSystem,
  type JoinGroup,
  type LoadEvent,
  type ServerListening,
} from './fanoutProtocol.ts';
import { FANOUT_SCENARIO_ID, fanoutOrganisationIds, fanoutScenarioYaml } from './fanoutScenario.ts';
import { fanoutFigures, summariseRounds } from './fanoutStats.ts';
import type { Figure } from './measure.ts';

/**
 * Inject fan-out (issue 3): Control sends `control.adhoc` to every organisation of one exercise and each
 * participant records when the inject arrived; in the same run, a bare Colyseus room broadcasts a payload of
 * the same size to the same number of clients. Latency runs from the trigger's send to each client's receipt,
 * on one clock (`performance.timeOrigin + performance.now()` in every process). Goal: SimCell ≤ 1.25× the bare
 * room. Both systems' clients are connected at once and their rounds alternate (SimCell–bare, bare–SimCell, …),
 * so both meet the same machine. Processes: this one (Control and the bare trigger), the SimCell server, the
 * bare server and two load generators, all on 127.0.0.1. SIMCELL_FANOUT_PROF_DIR=<dir> runs both servers with
 * `--cpu-prof`, writing into <dir>/simcell and <dir>/bare.
 */
const ORGANISATIONS = 20;
const ADMIN_TOKEN = 'fanout-bench-admin-token';
const LOAD_PROCESSES = 2;
const JOIN_CONCURRENCY = 20;
const ROUND_TIMEOUT_MS = 5000;
/** After every client had a round: lets SimCell's state patch (50 ms tick) go out before the next one. */
const GAP_MS = 150;
/** About 300 bytes of inject body. */
const BODY = 'Fan-out benchmark inject. '.repeat(12).slice(0, 300);

interface Plan {
  readonly sizes: readonly number[];
  readonly warmup: number;
  readonly rounds: number;
}

type Load = FanoutChild<LoadEvent>;

export async function fanoutBench(quick: boolean): Promise<Figure[]> {
  const plan: Plan = quick ? { sizes: [100, 300], warmup: 3, rounds: 10 } : { sizes: [100, 1000], warmup: 5, rounds: 30 };
  const work = mkdtempSync(join(tmpdir(), 'simcell-fanout-'));
  const servers: FanoutChild<ServerListening>[] = [];
  try {
    const scenariosDir = join(work, 'scenarios');
    mkdirSync(scenariosDir);
    writeFileSync(join(scenariosDir, `${FANOUT_SCENARIO_ID}.yaml`), fanoutScenarioYaml(ORGANISATIONS));
    const profDir = process.env.SIMCELL_FANOUT_PROF_DIR;
    const options = JSON.stringify({ dataDir: join(work, 'data'), scenariosDir, adminToken: ADMIN_TOKEN });
    const profile = (name: string) => (profDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profDir, name)}`] : []);
    const simcell = new FanoutChild<ServerListening>('simcell server', './fanoutSimcellServer.ts', [options], profile('simcell'));
    const bare = new FanoutChild<ServerListening>('bare room server', './bareRoomServer.ts', [], profile('bare'));
    servers.push(simcell, bare);
    const [simcellAt, bareAt] = await Promise.all([simcell.next('listening', 30_000), bare.next('listening', 30_000)]);

    const figures: Figure[] = [];
    try {
      for (const clients of plan.sizes) figures.push(...(await fanoutTo(clients, simcellAt.port, bareAt, plan, servers)));
    } catch (error) {
      // What the servers said is usually the reason.
      if (error instanceof Error) error.message += servers.map((s) => s.stderrTail()).join('');
      throw error;
    }
    return figures;
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
    killAllFanoutChildren();
    rmSync(work, { recursive: true, force: true });
  }
}

/** A trigger: sends round `n`'s message; `sample` is a payload SimCell's participants received. */
type Trigger = (n: number, sample: unknown) => void;

/** One size: a fresh exercise with `clients` participants and as many bare clients, rounds alternating. */
async function fanoutTo(
  clients: number,
  simcellPort: number,
  bareAt: ServerListening,
  plan: Plan,
  servers: readonly FanoutChild<ServerListening>[],
): Promise<Figure[]> {
  const simcellUrl = `ws://127.0.0.1:${simcellPort}`;
  const bareUrl = `ws://127.0.0.1:${bareAt.port}`;
  const created = await createExercise(simcellPort, clients);
  const organisations = fanoutOrganisationIds(ORGANISATIONS);
  const groups: JoinGroup[] = [
    {
      system: 'simcell',
      url: simcellUrl,
      roomId: created.roomId,
      seats: Array.from({ length: clients }, (_, i) => ({
        code: created.codes.organisations[organisations[i % ORGANISATIONS]!]!,
        name: `participant ${i}`,
      })),
    },
    { system: 'bare', url: bareUrl, roomId: bareAt.roomId!, seats: Array.from({ length: clients }, (_, i) => ({ name: `client ${i}` })) },
  ];

  const control = await new Client(simcellUrl).joinById(created.roomId, { code: created.codes.control, name: 'Bench Control' });
  const refusals: string[] = [];
  control.onMessage('rejected', (m: { code: string; message: string }) => void refusals.push(`${m.code}: ${m.message}`));
  control.onMessage('*', () => undefined);
  const sender = await new Client(bareUrl).joinById(bareAt.roomId!, {});
  sender.onMessage('*', () => undefined);
  const triggers: Record<FanoutSystem, Trigger> = {
    simcell: (n) =>
      control.send('control.adhoc', {
        ref: `round-${n}`,
        channel: 'email',
        from: organisations[0],
        to: organisations,
        tlp: 'TLP:GREEN',
        title: roundTitle(n),
        body: { en: BODY },
      }),
    // The object SimCell's participants got, with this round's title: the same size on the wire.
    bare: (n, sample) => sender.send(FANOUT_TRIGGER, { ...(sample as object), title: roundTitle(n) }),
  };
  const loads: Load[] = Array.from(
    { length: LOAD_PROCESSES },
    (_, i) => new FanoutChild<LoadEvent>(`load generator ${i + 1}`, './fanoutLoad.ts'),
  );
  try {
    await Promise.all(loads.map((l) => l.next('ready', 30_000)));
    await joinLoads(loads, groups);
    await sleep(500); // the joins' state patches settle
    const measured = await runRounds(loads, triggers, plan, servers);
    if (refusals.length) throw new Error(`Control's inject was refused: ${refusals[0]}`);
    const reports = await Promise.all(
      loads.map((load) => {
        const report = load.next('report', 30_000);
        load.send({ type: 'report' });
        return report;
      }),
    );
    const receipts = new Map<number, number[]>();
    for (const report of reports) for (const [n, times] of report.receipts) receipts.set(n, [...(receipts.get(n) ?? []), ...times]);
    const bytes = (system: FanoutSystem) => reports.find((r) => r.jsonBytes[system] !== undefined)?.jsonBytes[system] ?? 0;
    return fanoutFigures(
      clients,
      { ...summariseRounds(measured.simcell, receipts, clients), payloadBytes: bytes('simcell') },
      { ...summariseRounds(measured.bare, receipts, clients), payloadBytes: bytes('bare') },
      loadavg()[0]!,
    );
  } finally {
    await Promise.allSettled([...loads.map((l) => l.stop()), leave(control), leave(sender)]);
  }
}

async function createExercise(port: number, clients: number): Promise<{ roomId: string; codes: JoinCodes }> {
  const answer = await fetch(`http://127.0.0.1:${port}/api/exercises`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: FANOUT_SCENARIO_ID, autostart: true, name: `fan-out to ${clients}` }),
  });
  if (answer.status !== 201) throw new Error(`POST /api/exercises answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as { roomId: string; codes: JoinCodes };
}

/** Every load process joins its share (every LOAD_PROCESSES-th seat) of each system's clients. */
async function joinLoads(loads: readonly Load[], groups: readonly JoinGroup[]): Promise<void> {
  const total = groups.reduce((n, g) => n + g.seats.length, 0);
  const timeoutMs = 30_000 + total * 40;
  const joined = await Promise.all(
    loads.map((load, i) => {
      const share = groups.map((g) => ({ ...g, seats: g.seats.filter((_, j) => j % loads.length === i) }));
      const result = load.next('joined', timeoutMs + 5000);
      load.send({ type: 'join', groups: share, concurrency: JOIN_CONCURRENCY, timeoutMs });
      return result;
    }),
  );
  const failed = joined.find((j) => j.failed > 0);
  if (failed) throw new Error(`${failed.failed} of ${total} clients could not join: ${failed.firstError ?? 'timed out'}`);
}

/**
 * Pairs of rounds, SimCell first in odd pairs and the bare room first in even ones; each round waits until every
 * client had it (or ROUND_TIMEOUT_MS), then GAP_MS. Returns the send time of each measured round, per system;
 * stops with an error as soon as a load generator or a server has exited.
 */
async function runRounds(
  loads: readonly Load[],
  triggers: Record<FanoutSystem, Trigger>,
  plan: Plan,
  servers: readonly FanoutChild<ServerListening>[],
): Promise<Record<FanoutSystem, Map<number, number>>> {
  const done = new Map<number, number>();
  const waiting = new Map<number, () => void>();
  let sample: unknown;
  const stopListening = loads.map((load) =>
    load.listen((event) => {
      if (event.type !== 'round') return false;
      sample ??= event.sample;
      const count = (done.get(event.round) ?? 0) + 1;
      done.set(event.round, count);
      if (count === loads.length) waiting.get(event.round)?.();
      return false;
    }),
  );
  const sentAt: Record<FanoutSystem, Map<number, number>> = { simcell: new Map(), bare: new Map() };
  let n = 0;
  try {
    for (let pair = 1; pair <= plan.warmup + plan.rounds; pair++) {
      const order: FanoutSystem[] = pair % 2 === 1 ? ['simcell', 'bare'] : ['bare', 'simcell'];
      for (const system of order) {
        n++;
        const gone = [...loads, ...servers].find((child) => child.exited);
        if (gone) throw new Error(`${gone.label} exited during the rounds${gone.stderrTail()}`);
        if (system === 'bare' && sample === undefined)
          throw new Error("no client received SimCell's first inject: nothing to size the bare broadcast on");
        const all = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ROUND_TIMEOUT_MS);
          waiting.set(n, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        const at = clockNow();
        triggers[system](n, sample);
        if (pair > plan.warmup) sentAt[system].set(n, at);
        await all;
        waiting.delete(n);
        await sleep(GAP_MS);
      }
    }
  } finally {
    stopListening.forEach((stop) => stop());
  }
  return sentAt;
}

async function leave(room: Room): Promise<void> {
  room.reconnection.enabled = false;
  await Promise.race([room.leave(true), sleep(1000)]);
}
