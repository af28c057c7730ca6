import { Client, type Room } from '@colyseus/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FanoutChild, killAllFanoutChildren } from './fanoutChildren.ts';
import {
  clockNow,
  FANOUT_TRIGGER,
  roundTitle,
  type BareTrigger,
  type FanoutSystem,
  type JoinGroup,
  type ServerListening,
} from './fanoutProtocol.ts';
import { FANOUT_SCENARIO_ID, fanoutOrganisationIds, fanoutScenarioYaml } from './fanoutScenario.ts';
import { fanoutFigures, summariseRounds, type RoundPair } from './fanoutStats.ts';
import { joinLoads, requireOpenFiles, startLoadGenerators, stopLoadGenerators, type Load } from './loadGenerators.ts';
import type { Figure } from './measure.ts';
import { SimcellServerChild } from './simcellServerChild.ts';

/**
 * Inject fan-out (issues 3 and 7), from delivery to receipt: an exercise's scheduled injects, each to every
 * organisation, are delivered by SimCell at their time, and each participant records when the inject arrived;
 * in the same run, a bare Colyseus room broadcasts a payload of the same JSON size to the same number of clients,
 * also at a set time. Latency runs from that moment (the inject's due time on the exercise clock; the bare
 * broadcast's time) to each client's receipt, on one clock (`performance.timeOrigin + performance.now()` in
 * every process, the server's wall clock corrected onto it), so SimCell's figure holds all it does for a delivery:
 * the timer, the engine, the store's commit (stored before sent) and the fan-out. The two systems' rounds
 * alternate (SimCell, bare, SimCell, …) half a period apart, so both meet the same machine; each SimCell round
 * and the bare round after it form a pair, whose ratio is reported as quartiles beside the pooled ratio.
 * Processes: this one (Control and the bare trigger), the SimCell server, the bare server and two load
 * generators, all on 127.0.0.1.
 */
const ORGANISATIONS = 20;
/** Exercise time between two scheduled injects; the speed makes it the plan's period in wall time. */
const INJECT_EVERY_SECONDS = 60;
/** How long the last round may take to reach every client. */
const ROUND_TIMEOUT_MS = 5000;
/** About 300 bytes of inject body. */
const BODY = 'Fan-out benchmark inject. '.repeat(12).slice(0, 300);

export interface SizePlan {
  readonly clients: number;
  /** Pairs of rounds run first and not counted. */
  readonly warmup: number;
  readonly pairs: number;
  /** Wall time from one SimCell delivery to the next; the bare round falls halfway. */
  readonly periodMs: number;
  readonly goal: { readonly ratio?: string; readonly p99?: string };
}

export const FULL_FANOUT: readonly SizePlan[] = [
  { clients: 100, warmup: 5, pairs: 60, periodMs: 300, goal: { ratio: '≤ 1.25' } },
  { clients: 1000, warmup: 3, pairs: 30, periodMs: 500, goal: { ratio: '≤ 1.25' } },
  { clients: 5000, warmup: 2, pairs: 12, periodMs: 1500, goal: { p99: '< 250 ms' } },
];
export const QUICK_FANOUT: readonly SizePlan[] = [
  { clients: 100, warmup: 3, pairs: 20, periodMs: 300, goal: { ratio: '≤ 1.25' } },
  { clients: 300, warmup: 2, pairs: 12, periodMs: 300, goal: { ratio: '≤ 1.25' } },
  { clients: 1000, warmup: 2, pairs: 8, periodMs: 500, goal: { ratio: '≤ 1.25', p99: '< 250 ms' } },
];

/** A child process to watch: the rounds stop as soon as one has exited. */
type Watched = Pick<FanoutChild<{ type: string }>, 'exited' | 'label' | 'stderrTail'>;

/** `plans`: the sizes to measure (by default all of the full or the quick run). */
export async function fanoutBench(quick: boolean, plans = quick ? QUICK_FANOUT : FULL_FANOUT): Promise<Figure[]> {
  requireOpenFiles(Math.max(...plans.map((p) => p.clients)));
  const work = mkdtempSync(join(tmpdir(), 'simcell-fanout-'));
  const schedule = { injects: Math.max(...plans.map((p) => p.warmup + p.pairs)), everySeconds: INJECT_EVERY_SECONDS, body: BODY };
  let simcell: SimcellServerChild | undefined;
  let bare: FanoutChild<ServerListening> | undefined;
  try {
    const profDir = process.env.SIMCELL_FANOUT_PROF_DIR;
    bare = new FanoutChild<ServerListening>(
      'bare room server',
      './bareRoomServer.ts',
      [],
      profDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'bare')}`] : [],
    );
    const [started, bareAt] = await Promise.all([
      SimcellServerChild.start(work, 'fanout', { [FANOUT_SCENARIO_ID]: fanoutScenarioYaml(ORGANISATIONS, schedule) }),
      bare.next('listening', 30_000),
    ]);
    simcell = started;
    const figures: Figure[] = [];
    const servers: Watched[] = [simcell.child, bare];
    try {
      for (const plan of plans) figures.push(...(await fanoutTo(plan, simcell, bareAt, servers)));
    } catch (error) {
      // What the servers said is usually the reason.
      if (error instanceof Error) error.message += servers.map((s) => s.stderrTail()).join('');
      throw error;
    }
    return figures;
  } finally {
    await Promise.allSettled([simcell?.stop(), bare?.stop()]);
    killAllFanoutChildren();
    rmSync(work, { recursive: true, force: true });
  }
}

/** One size: a fresh exercise with `clients` participants and as many bare clients, rounds alternating. */
async function fanoutTo(
  plan: SizePlan,
  simcell: SimcellServerChild,
  bareAt: ServerListening,
  servers: readonly Watched[],
): Promise<Figure[]> {
  const { clients } = plan;
  const bareUrl = `ws://127.0.0.1:${bareAt.port}`;
  const speed = (INJECT_EVERY_SECONDS * 1000) / plan.periodMs;
  const created = await simcell.createExercise({ scenario: FANOUT_SCENARIO_ID, speed, name: `fan-out to ${clients}` });
  const organisations = fanoutOrganisationIds(ORGANISATIONS);
  const groups: JoinGroup[] = [
    {
      system: 'simcell',
      url: simcell.url,
      roomId: created.roomId,
      seats: Array.from({ length: clients }, (_, i) => ({
        code: created.codes.organisations[organisations[i % ORGANISATIONS]!]!,
        name: `participant ${i}`,
      })),
    },
    { system: 'bare', url: bareUrl, roomId: bareAt.roomId!, seats: Array.from({ length: clients }, (_, i) => ({ name: `client ${i}` })) },
  ];

  const control = await new Client(simcell.url).joinById<ExerciseStateView>(created.roomId, {
    code: created.codes.control,
    name: 'Bench Control',
  });
  const refusals: string[] = [];
  control.onMessage('rejected', (m: { code: string; message: string }) => void refusals.push(`${m.code}: ${m.message}`));
  // Control gets each inject right after the participants; theirs is the same without `expects` (injectView.ts).
  let tellSample: (sample: object) => void = () => undefined;
  const sample = new Promise<object>((resolve) => (tellSample = resolve));
  control.onMessage('inject', (view: { expects?: unknown }) => {
    const { expects: _staffOnly, ...participantCopy } = view;
    tellSample(participantCopy);
  });
  control.onMessage('*', () => undefined);
  const sender = await new Client(bareUrl).joinById(bareAt.roomId!, {});
  sender.onMessage('*', () => undefined);
  let loads: Load[] = [];
  try {
    loads = await startLoadGenerators();
    await joinLoads(loads, groups);
    await sleep(500); // the joins' state patches settle
    control.send('control.start', {});
    const clock = await runningClock(control);
    const { wallMinusClockMs } = await simcell.usage();
    // The moment inject k is due, on the benchmark's clock (the server's exercise clock runs on its Date.now()).
    const dueAt = (k: number) =>
      clock.anchorWallMs + (k * INJECT_EVERY_SECONDS * 1000 - clock.anchorExerciseMs) / clock.speed - wallMinusClockMs;
    const measured = await runRounds(
      loads,
      plan,
      dueAt,
      async (at, k) => {
        const payload = await Promise.race([sample, sleep(Math.max(0, at - clockNow())).then(() => undefined)]);
        if (!payload) throw new Error(`SimCell's inject ${k} had not reached Control by the time of the bare round`);
        sender.send(FANOUT_TRIGGER, { at, payload: { ...payload, title: roundTitle(2 * k) } } satisfies BareTrigger);
      },
      [...servers, ...loads],
    );
    control.send('control.end', {}); // no more deliveries while the next size joins
    if (refusals.length) throw new Error(`Control was refused: ${refusals[0]}`);
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
      { ...summariseRounds(measured.sentAt.simcell, receipts, clients), payloadBytes: bytes('simcell') },
      { ...summariseRounds(measured.sentAt.bare, receipts, clients), payloadBytes: bytes('bare') },
      measured.pairs,
      loadavg()[0]!,
      plan.goal,
    );
  } finally {
    await Promise.allSettled([stopLoadGenerators(loads), leave(control), leave(sender)]);
  }
}

/** What the benchmark reads of the synced state: the exercise clock. */
interface ExerciseStateView {
  clock?: { status: string; speed: number; anchorExerciseMs: number; anchorWallMs: number };
}

/** The exercise clock once Control's state shows it running. */
async function runningClock(control: { readonly state: ExerciseStateView }): Promise<NonNullable<ExerciseStateView['clock']>> {
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const clock = control.state.clock;
    if (clock?.status === 'running') return { ...clock };
    await sleep(10);
  }
  throw new Error('the exercise clock did not start within 10 s of control.start');
}

/**
 * Rounds on a fixed schedule: SimCell's inject k is due at dueAt(k) and the bare room's round k half a period
 * later, set (a quarter period after SimCell's) by `setBare`. Returns each measured round's moment, per system,
 * and the measured pairs, once the last round reached every client (or ROUND_TIMEOUT_MS); stops with an error
 * as soon as a load generator or a server has exited.
 */
async function runRounds(
  loads: readonly Load[],
  plan: SizePlan,
  dueAt: (k: number) => number,
  setBare: (at: number, k: number) => Promise<void>,
  watched: readonly Watched[],
): Promise<{ sentAt: Record<FanoutSystem, Map<number, number>>; pairs: RoundPair[] }> {
  const done = new Map<number, number>();
  const rounds = plan.warmup + plan.pairs;
  const lastRound = 2 * rounds;
  let lastDone: () => void = () => undefined;
  const stopListening = loads.map((load) =>
    load.listen((event) => {
      if (event.type !== 'round') return false;
      const count = (done.get(event.round) ?? 0) + 1;
      done.set(event.round, count);
      if (event.round === lastRound && count === loads.length) lastDone();
      return false;
    }),
  );
  const sentAt: Record<FanoutSystem, Map<number, number>> = { simcell: new Map(), bare: new Map() };
  const pairs: RoundPair[] = [];
  try {
    for (let k = 1; k <= rounds; k++) {
      const wait = dueAt(k) + plan.periodMs / 4 - clockNow();
      if (wait > 0) await sleep(wait);
      const gone = watched.find((child) => child.exited);
      if (gone) throw new Error(`${gone.label} exited during the rounds${gone.stderrTail()}`);
      const bareAt = dueAt(k) + plan.periodMs / 2;
      await setBare(bareAt, k);
      if (k > plan.warmup) {
        sentAt.simcell.set(2 * k - 1, dueAt(k));
        sentAt.bare.set(2 * k, bareAt);
        pairs.push([2 * k - 1, 2 * k]);
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, plan.periodMs / 2 + ROUND_TIMEOUT_MS);
      lastDone = () => {
        clearTimeout(timer);
        resolve();
      };
      if (done.get(lastRound) === loads.length) lastDone();
    });
  } finally {
    stopListening.forEach((stop) => stop());
  }
  return { sentAt, pairs };
}

async function leave(room: Room): Promise<void> {
  room.reconnection.enabled = false;
  await Promise.race([room.leave(true), sleep(1000)]);
}
