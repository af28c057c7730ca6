import { execFileSync } from 'node:child_process';
import { FanoutChild } from './fanoutChildren.ts';
import type { JoinGroup, LoadEvent } from './fanoutProtocol.ts';

export type Load = FanoutChild<LoadEvent>;

/** Two, on this 2-core machine: more processes would only take turns on the same cores. */
export const LOAD_PROCESSES = 2;
/** Joins in flight per load process while a benchmark fills a room. */
const JOIN_CONCURRENCY = 25;

/** Starts `count` load-generating processes (fanoutLoad.ts) and waits until each is ready. */
export async function startLoadGenerators(count = LOAD_PROCESSES): Promise<Load[]> {
  const loads = Array.from({ length: count }, (_, i) => new FanoutChild<LoadEvent>(`load generator ${i + 1}`, './fanoutLoad.ts'));
  try {
    await Promise.all(loads.map((l) => l.next('ready', 30_000)));
    return loads;
  } catch (error) {
    await stopLoadGenerators(loads);
    throw error;
  }
}

export async function stopLoadGenerators(loads: readonly Load[]): Promise<void> {
  await Promise.allSettled(loads.map((l) => l.stop()));
}

/** Every load process joins its share (every n-th seat) of each group's clients; fails naming the first refusal. */
export async function joinLoads(loads: readonly Load[], groups: readonly JoinGroup[]): Promise<{ joined: number; ms: number }> {
  const total = groups.reduce((n, g) => n + g.seats.length, 0);
  const timeoutMs = 30_000 + total * 40;
  const started = performance.now();
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
  return { joined: joined.reduce((n, j) => n + j.joined, 0), ms: performance.now() - started };
}

/** Inject messages the load processes' clients received so far, all together. */
export async function countInjects(loads: readonly Load[]): Promise<number> {
  const counts = await Promise.all(
    loads.map((load) => {
      const answer = load.next('count', 10_000);
      load.send({ type: 'count' });
      return answer;
    }),
  );
  return counts.reduce((n, c) => n + c.injects, 0);
}

/**
 * Fails early, with the fix, when this process may not open enough sockets: each client is a file descriptor in
 * a load process and another in the server (`ulimit -n` is per process).
 */
export function requireOpenFiles(perProcess: number): void {
  let limit: number;
  try {
    const said = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    limit = said === 'unlimited' ? Infinity : Number(said);
  } catch {
    return; // no shell to ask: the joins will say so themselves
  }
  if (Number.isFinite(limit) && limit < perProcess + 200)
    throw new Error(
      `this benchmark opens about ${perProcess} sockets in one process, but \`ulimit -n\` is ${limit}: raise it (ulimit -n ${perProcess + 1000}) or run with --quick`,
    );
}
