import { Client } from '@colyseus/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { killAllFanoutChildren } from './fanoutChildren.ts';
import { clockNow, type JoinGroup } from './fanoutProtocol.ts';
import { FANOUT_SCENARIO_ID, fanoutOrganisationIds, fanoutScenarioYaml } from './fanoutScenario.ts';
import { percentile, sorted } from './fanoutStats.ts';
import { requireOpenFiles, startLoadGenerators, stopLoadGenerators, type Load } from './loadGenerators.ts';
import { round, type Figure } from './measure.ts';
import { cpuPercent, SimcellServerChild } from './simcellServerChild.ts';

/**
 * A join storm (issue 7): participants join one running exercise at a steady rate, 3,000 within 60 s (--quick:
 * 600 within 12 s, the same rate), open loop: each starts at its moment whether or not the ones before are in,
 * from its own SDK connection in one of two load processes. A join's time runs from calling `joinById` until the
 * room's `welcome` (who I am and the exercise so far) has arrived: then a participant's screen can show the
 * exercise. The exercise already has history (HISTORY ad-hoc injects), so every welcome carries it.
 */
const ORGANISATIONS = 20;
const HISTORY = 10;

export async function joinStormBench(quick: boolean): Promise<Figure[]> {
  const participants = quick ? 600 : 3000;
  const seconds = quick ? 12 : 60;
  requireOpenFiles(participants);
  const work = mkdtempSync(join(tmpdir(), 'simcell-storm-'));
  let server: SimcellServerChild | undefined;
  let loads: Load[] = [];
  try {
    server = await SimcellServerChild.start(work, 'storm', { [FANOUT_SCENARIO_ID]: fanoutScenarioYaml(ORGANISATIONS) });
    const created = await server.createExercise({ scenario: FANOUT_SCENARIO_ID, autostart: true, name: 'join storm' });
    await writeHistory(server.url, created.roomId, created.codes.control);
    const organisations = fanoutOrganisationIds(ORGANISATIONS);
    loads = await startLoadGenerators();
    const spacingMs = (seconds * 1000) / participants;
    const startAt = clockNow() + 500;
    const before = await server.usage();
    const results = await Promise.all(
      loads.map((load, i) => {
        const group: JoinGroup = {
          system: 'simcell',
          url: server!.url,
          roomId: created.roomId,
          seats: Array.from({ length: participants }, (_, k) => k)
            .filter((k) => k % loads.length === i)
            .map((k) => ({ code: created.codes.organisations[organisations[k % ORGANISATIONS]!]!, name: `participant ${k}` })),
        };
        const answer = load.next('stormed', (seconds + 60) * 1000);
        load.send({ type: 'storm', group, startAt: startAt + i * spacingMs, spacingMs: spacingMs * loads.length, timeoutMs: 30_000 });
        return answer;
      }),
    );
    const after = await server.usage();
    const welcome = sorted(results.flatMap((r) => r.welcomeMs));
    const resolved = sorted(results.flatMap((r) => r.joinMs));
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const detail = {
      participants,
      withinSeconds: seconds,
      joined: welcome.length,
      failed,
      ...(failed ? { firstError: results.find((r) => r.firstError)?.firstError } : {}),
      until: 'welcome received',
      joinResolvedP99Ms: round(percentile(resolved, 99)),
      serverCpuPercentOfOneCore: round(cpuPercent(before, after), 0),
      serverRssMb: round(after.rssBytes / 2 ** 20, 0),
      loadAverage1m: round(loadavg()[0]!),
    };
    return [
      { figure: 'storm.join.p50', value: round(percentile(welcome, 50)), unit: 'ms', ...detail },
      {
        figure: 'storm.join.p99',
        value: round(percentile(welcome, 99)),
        unit: 'ms',
        goal: '< 1000 ms',
        ...detail,
        maxMs: round(welcome.at(-1) ?? NaN),
      },
    ];
  } catch (error) {
    if (error instanceof Error && server) error.message += server.child.stderrTail();
    throw error;
  } finally {
    await stopLoadGenerators(loads);
    await server?.stop();
    killAllFanoutChildren();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Control sends HISTORY ad-hoc injects to every organisation, each accepted before the next. */
async function writeHistory(url: string, roomId: string, code: string): Promise<void> {
  const control = await new Client(url).joinById(roomId, { code, name: 'Storm Control' });
  control.onMessage('*', () => undefined);
  const organisations = fanoutOrganisationIds(ORGANISATIONS);
  try {
    for (let i = 1; i <= HISTORY; i++) {
      const answer = new Promise<void>((resolve, reject) => {
        control.onMessage('accepted', () => resolve());
        control.onMessage('rejected', (m: { code: string; message: string }) =>
          reject(new Error(`history inject refused: ${m.code}: ${m.message}`)),
        );
      });
      control.send('control.adhoc', {
        channel: 'email',
        from: organisations[0],
        to: organisations,
        tlp: 'TLP:GREEN',
        title: { en: `Earlier inject ${i}` },
        body: { en: 'What happened before the storm: a few sentences that every late joiner receives in its welcome.' },
      });
      await Promise.race([answer, sleep(10_000).then(() => Promise.reject(new Error('history inject: no answer within 10 s')))]);
    }
  } finally {
    control.reconnection.enabled = false;
    await Promise.race([control.leave(true), sleep(1000)]);
  }
}
