import type { FuzzTable, Slot } from './fuzzTable.ts';

/**
 * How the messages go out: paced streams on every connection but the flooder, under the guard's 20 a second
 * (burst 40) so the room processes them, and bursts on the flooder, which the guard must refuse.
 */
export interface Traffic {
  readonly total: number;
  readonly perSecond: number;
  readonly bursts: readonly { readonly atMs: number; readonly size: number }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function sendTraffic(table: FuzzTable, traffic: Traffic): Promise<void> {
  const start = performance.now();
  const paced = table.slots.filter((s) => !s.plan.flood);
  const flooder = table.slots.find((s) => s.plan.flood)!;
  const pacedTotal = traffic.total - traffic.bursts.reduce((sum, b) => sum + b.size, 0);
  const drive = async (s: Slot, count: number, offsetMs: number) => {
    let due = start + offsetMs;
    for (let i = 0; i < count; i++) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await s.send(false);
      // After a stall (a replaced connection, a busy event loop) carry on at the pace instead of catching up in a burst.
      due = Math.max(due + 1000 / traffic.perSecond, performance.now() - 250);
    }
  };
  const flood = async () => {
    for (const burst of traffic.bursts) {
      const wait = start + burst.atMs - performance.now();
      if (wait > 0) await sleep(wait);
      for (let i = 0; i < burst.size; i++) await flooder.send(true);
    }
  };
  const share = (i: number) => Math.floor(pacedTotal / paced.length) + (i < pacedTotal % paced.length ? 1 : 0);
  await Promise.all([...paced.map((s, i) => drive(s, share(i), (i * 1000) / traffic.perSecond / paced.length)), flood()]);
}
