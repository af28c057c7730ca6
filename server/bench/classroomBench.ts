import { Client } from '@colyseus/sdk';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { killAllFanoutChildren } from './fanoutChildren.ts';
import type { JoinGroup } from './fanoutProtocol.ts';
import { countInjects, joinLoads, requireOpenFiles, startLoadGenerators, stopLoadGenerators, type Load } from './loadGenerators.ts';
import { round, type Figure } from './measure.ts';
import { cpuPercent, SimcellServerChild, type CreatedExercise } from './simcellServerChild.ts';

/**
 * Many classes at once (issue 7): 500 exercises of the bundled classroom scenario (--quick: 50) in one server
 * process, 10 students each joining with the class code; then each class's teacher (Control) starts it, at
 * SPEED so its injects keep coming. Over a window after that, the server process's CPU use and memory are read,
 * with the injects the students received in it (proof that they flow). The memory is also given per exercise,
 * above the empty server's.
 */
const SCENARIO = 'classroom-phishing';
const STUDENTS = 10;
/** The 45-minute drill in a little over two minutes: injects every few seconds, still running when the window closes. */
const SPEED = 20;
const CONCURRENCY = 10;

export async function classroomBench(quick: boolean): Promise<Figure[]> {
  const exercises = quick ? 50 : 500;
  const windowMs = quick ? 8_000 : 30_000;
  requireOpenFiles(exercises * STUDENTS);
  const source = readFileSync(fileURLToPath(new URL(`../../scenarios/${SCENARIO}.yaml`, import.meta.url)), 'utf8');
  const work = mkdtempSync(join(tmpdir(), 'simcell-classrooms-'));
  let server: SimcellServerChild | undefined;
  let loads: Load[] = [];
  try {
    server = await SimcellServerChild.start(work, 'classrooms', { [SCENARIO]: source });
    const empty = await server.usage();
    const created = await createAll(server, exercises);
    loads = await startLoadGenerators();
    const groups: JoinGroup[] = created.map((exercise, i) => ({
      system: 'simcell',
      url: server!.url,
      roomId: exercise.roomId,
      seats: Array.from({ length: STUDENTS }, (_, k) => ({ code: exercise.codes.class, name: `Student ${i}-${k}` })),
    }));
    const joined = await joinLoads(loads, groups);
    await startAll(server, created);
    await sleep(2000); // the starts' patches are out
    const [from, injectsFrom] = await Promise.all([server.usage(), countInjects(loads)]);
    await sleep(windowMs);
    const [to, injectsTo] = await Promise.all([server.usage(), countInjects(loads)]);
    const windowS = (to.at - from.at) / 1000;
    const cpu = cpuPercent(from, to);
    const context = { exercises, participants: joined.joined, scenario: SCENARIO, speed: SPEED, windowS: round(windowS, 1) };
    return [
      {
        figure: 'classrooms.cpu',
        value: round(cpu, 1),
        unit: '% of one core',
        ...context,
        machineSharePercent: round(cpu / 2, 1),
        injectsReceivedPerSecond: round((injectsTo - injectsFrom) / windowS, 1),
        loadAverage1m: round(loadavg()[0]!),
      },
      {
        figure: 'classrooms.memory.rss',
        value: round(to.rssBytes / 2 ** 20, 0),
        unit: 'MB',
        ...context,
        heapUsedMb: round(to.heapUsedBytes / 2 ** 20, 0),
        emptyServerRssMb: round(empty.rssBytes / 2 ** 20, 0),
        perExerciseKb: round((to.rssBytes - empty.rssBytes) / 1024 / exercises, 0),
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

/** Creates the exercises over the HTTP API, CONCURRENCY at a time. */
async function createAll(server: SimcellServerChild, count: number): Promise<CreatedExercise[]> {
  const created: CreatedExercise[] = [];
  await inPool(count, async (i) => {
    created[i] = await server.createExercise({ scenario: SCENARIO, speed: SPEED, name: `Class ${i + 1}` });
  });
  return created;
}

/** Each teacher joins as Control, starts the class and leaves again (the class goes on). */
async function startAll(server: SimcellServerChild, exercises: readonly CreatedExercise[]): Promise<void> {
  await inPool(exercises.length, async (i) => {
    const control = await new Client(server.url).joinById(exercises[i]!.roomId, { code: exercises[i]!.codes.control, name: 'Teacher' });
    control.onMessage('*', () => undefined);
    const answer = new Promise<void>((resolve, reject) => {
      control.onMessage('accepted', () => resolve());
      control.onMessage('rejected', (m: { code: string; message: string }) =>
        reject(new Error(`class ${i + 1} did not start: ${m.code}: ${m.message}`)),
      );
    });
    control.send('control.start', {});
    try {
      await Promise.race([
        answer,
        sleep(10_000).then(() => Promise.reject(new Error(`class ${i + 1}: no answer to control.start within 10 s`))),
      ]);
    } finally {
      control.reconnection.enabled = false;
      await Promise.race([control.leave(true), sleep(1000)]);
    }
  });
}

async function inPool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}
