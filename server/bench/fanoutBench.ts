import { Client, type Room } from '@colyseus/sdk';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JoinCodes } from '../store/exerciseStore.ts';
import { FanoutChild, killAllFanoutChildren } from './fanoutChildren.ts';
import { clockNow, FANOUT_TRIGGER, roundTitle, type JoinSeat, type LoadEvent, type ServerListening } from './fanoutProtocol.ts';
import { FANOUT_SCENARIO_ID, fanoutOrganisationIds, fanoutScenarioYaml } from './fanoutScenario.ts';
import { summariseRounds, type FanoutSummary } from './fanoutStats.ts';
import { round, type Figure } from './measure.ts';

/**
 * Inject fan-out (issue 3): Control sends `control.adhoc` to every organisation of one exercise and each
 * participant records when the inject arrived; in the same run, a bare Colyseus room broadcasts a payload of
 * the same size to the same number of clients. Latency runs from the trigger's send to each client's receipt,
 * on one clock (`performance.timeOrigin + performance.now()` in every process). Goal: SimCell ≤ 1.25× the bare
 * room. Processes: this one (Control / trigger), the SimCell server, the bare server and two load generators,
 * all on 127.0.0.1. SIMCELL_FANOUT_PROF_DIR=<dir> runs the SimCell server with `--cpu-prof` into that folder.
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
    const simcell = new FanoutChild<ServerListening>('simcell server', './fanoutSimcellServer.ts', [options], profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
    const bare = new FanoutChild<ServerListening>('bare room server', './bareRoomServer.ts');
    servers.push(simcell, bare);
    const [simcellAt, bareAt] = await Promise.all([simcell.next('listening', 30_000), bare.next('listening', 30_000)]);

    const figures: Figure[] = [];
    for (const clients of plan.sizes) {
      const ours = await runSimcell(simcellAt.port, clients, plan);
      const base = await runBare(bareAt, clients, plan, ours.sample);
      figures.push(...figuresFor(clients, ours, base));
    }
    return figures;
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
    killAllFanoutChildren();
    rmSync(work, { recursive: true, force: true });
  }
}

interface Measured extends FanoutSummary {
  readonly sample: unknown;
  readonly payloadBytes: number;
}

async function runSimcell(port: number, clients: number, plan: Plan): Promise<Measured> {
  const http = `http://127.0.0.1:${port}`;
  const answer = await fetch(`${http}/api/exercises`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: FANOUT_SCENARIO_ID, autostart: true, name: `fan-out to ${clients}` }),
  });
  if (answer.status !== 201) throw new Error(`POST /api/exercises answered ${answer.status}: ${await answer.text()}`);
  const created = (await answer.json()) as { roomId: string; codes: JoinCodes };
  const organisations = fanoutOrganisationIds(ORGANISATIONS);
  const seats = Array.from({ length: clients }, (_, i) => ({ code: created.codes.organisations[organisations[i % ORGANISATIONS]!]!, name: `participant ${i}` }));

  const control = await new Client(`ws://127.0.0.1:${port}`).joinById(created.roomId, { code: created.codes.control, name: 'Bench Control' });
  const refusals: string[] = [];
  control.onMessage('rejected', (m: { code: string; message: string }) => void refusals.push(`${m.code}: ${m.message}`));
  control.onMessage('*', () => undefined);
  const trigger = (n: number) =>
    control.send('control.adhoc', { ref: `round-${n}`, channel: 'email', from: organisations[0], to: organisations, tlp: 'TLP:GREEN', title: roundTitle(n), body: { en: BODY } });
  try {
    const measured = await measure(`ws://127.0.0.1:${port}`, created.roomId, seats, trigger, plan);
    if (refusals.length) throw new Error(`Control's inject was refused: ${refusals[0]}`);
    return measured;
  } finally {
    await leave(control);
  }
}

async function runBare(at: ServerListening, clients: number, plan: Plan, sample: unknown): Promise<Measured> {
  const url = `ws://127.0.0.1:${at.port}`;
  const roomId = at.roomId!;
  const seats = Array.from({ length: clients }, (_, i) => ({ name: `client ${i}` }));
  const sender = await new Client(url).joinById(roomId, {});
  sender.onMessage('*', () => undefined);
  // The same object SimCell's participants got, with this round's title: the same size on the wire.
  const trigger = (n: number) => sender.send(FANOUT_TRIGGER, { ...(sample as object), title: roundTitle(n) });
  try {
    return await measure(url, roomId, seats, trigger, plan);
  } finally {
    await leave(sender);
  }
}

/** Joins the clients over the load processes, runs the rounds, and collects every receipt. */
async function measure(url: string, roomId: string, seats: readonly JoinSeat[], trigger: (round: number) => void, plan: Plan): Promise<Measured> {
  const loads: Load[] = Array.from({ length: LOAD_PROCESSES }, (_, i) => new FanoutChild<LoadEvent>(`load generator ${i + 1}`, './fanoutLoad.ts'));
  try {
    await Promise.all(loads.map((l) => l.next('ready', 30_000)));
    const joinTimeoutMs = 30_000 + seats.length * 60;
    const joined = await Promise.all(
      loads.map((load, i) => {
        const share = seats.filter((_, j) => j % LOAD_PROCESSES === i);
        const result = load.next('joined', joinTimeoutMs + 5000);
        load.send({ type: 'join', url, roomId, seats: share, concurrency: JOIN_CONCURRENCY, timeoutMs: joinTimeoutMs });
        return result;
      }),
    );
    const failed = joined.find((j) => j.failed > 0);
    if (failed) throw new Error(`${failed.failed} of ${seats.length} clients could not join: ${failed.firstError ?? 'timed out'}`);
    await sleep(500); // the joins' state patches settle

    const done = new Map<number, number>();
    const waiting = new Map<number, () => void>();
    const stopListening = loads.map((load) =>
      load.listen((event) => {
        if (event.type !== 'round') return false;
        const count = (done.get(event.round) ?? 0) + 1;
        done.set(event.round, count);
        if (count === loads.length) waiting.get(event.round)?.();
        return false;
      }),
    );
    const sentAt = new Map<number, number>();
    for (let n = 1; n <= plan.warmup + plan.rounds; n++) {
      const all = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ROUND_TIMEOUT_MS);
        waiting.set(n, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const at = clockNow();
      trigger(n);
      if (n > plan.warmup) sentAt.set(n, at);
      await all;
      waiting.delete(n);
      await sleep(GAP_MS);
    }
    stopListening.forEach((stop) => stop());

    const reports = await Promise.all(
      loads.map((load) => {
        const report = load.next('report', 30_000);
        load.send({ type: 'report' });
        return report;
      }),
    );
    const receipts = new Map<number, number[]>();
    for (const report of reports) for (const [n, times] of report.receipts) receipts.set(n, [...(receipts.get(n) ?? []), ...times]);
    const withSample = reports.find((r) => r.sample !== undefined);
    return { ...summariseRounds(sentAt, receipts, seats.length), sample: withSample?.sample, payloadBytes: withSample?.sampleJsonBytes ?? 0 };
  } finally {
    await Promise.allSettled(loads.map((l) => l.stop()));
  }
}

async function leave(room: Room): Promise<void> {
  room.reconnection.enabled = false;
  await Promise.race([room.leave(true), sleep(1000)]);
}

function figuresFor(clients: number, ours: Measured, base: Measured): Figure[] {
  const figures: Figure[] = [];
  for (const [system, m] of [
    ['simcell', ours],
    ['bare', base],
  ] as const) {
    const detail = { clients, rounds: m.rounds, missing: m.missing, payloadJsonBytes: m.payloadBytes };
    figures.push({ figure: `fanout.${clients}.${system}.p50`, value: round(m.p50), unit: 'ms', ...detail });
    figures.push({ figure: `fanout.${clients}.${system}.p99`, value: round(m.p99), unit: 'ms', ...detail });
    figures.push({ figure: `fanout.${clients}.${system}.all.p50`, value: round(m.allP50), unit: 'ms', ...detail, per: 'round, until every client had it' });
    figures.push({ figure: `fanout.${clients}.${system}.all.p99`, value: round(m.allP99), unit: 'ms', ...detail, per: 'round, until every client had it' });
  }
  figures.push({ figure: `fanout.${clients}.ratio.p50`, value: round(ours.p50 / base.p50), unit: '×', goal: '≤ 1.25' });
  figures.push({ figure: `fanout.${clients}.ratio.p99`, value: round(ours.p99 / base.p99), unit: '×', goal: '≤ 1.25' });
  return figures;
}
