import type { FuzzTable } from './fuzzTable.ts';

/**
 * The invariants checked while the fuzzing runs, every 3 s (not 5 s: that is the HTTP keep-alive timeout, and
 * fetch would race it): /healthz answers, no built-in prototype changed, one recorded wire in turn carries
 * nothing its seat may not see. Also how long the event loop, shared by the server and every client, stalls.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const prototypesSnapshot = (): string =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');

export function watchRun(table: FuzzTable, problems: string[]) {
  const start = performance.now();
  const before = prototypesSnapshot();
  let running = true;
  let maxLagMs = 0;
  let lastTick = start;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - lastTick - 50);
    lastTick = now;
  }, 50);
  const check = async (when: string, scope: 'one' | 'all') => {
    const status = await fetch(`${table.t.http}/healthz`).then((r) => r.status, String);
    if (status !== 200) problems.push(`${when}: /healthz answered ${status}`);
    if (prototypesSnapshot() !== before || ({} as Record<string, unknown>).polluted !== undefined)
      problems.push(`${when}: a built-in prototype changed`);
    problems.push(...(await table.wireProblems(when, scope)));
  };
  const loops = Promise.all([
    (async () => {
      while (running) {
        await sleep(3_000);
        const when = `${Math.round(performance.now() - start)} ms into the fuzzing`;
        if (running)
          await check(when, 'one').catch((error: unknown) => problems.push(`${when}: the server did not answer: ${String(error)}`));
      }
    })(),
    (async () => {
      while (running) {
        await table.codes().catch(() => undefined); // every code Control issues, to look for it on the wire
        await sleep(200);
      }
    })(),
  ]);
  return {
    get maxLagMs() {
      return maxLagMs;
    },
    /** Stops watching and checks once more, every recorded wire in full. */
    async stop() {
      running = false;
      clearInterval(lagTimer);
      await loops;
      await check('after the fuzzing', 'all');
    },
  };
}
