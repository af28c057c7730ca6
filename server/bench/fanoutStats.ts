import { round, type Figure } from './measure.ts';

/** Nearest-rank percentile of an ascending list; NaN for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface FanoutSummary {
  /** Per-client latency, from the trigger's send to the client's receipt (ms). */
  readonly p50: number;
  readonly p99: number;
  /** Per round, until every client had it (ms). */
  readonly allP50: number;
  readonly allP99: number;
  /** Per round, until the first client had it (ms): the fixed cost before the fan-out's first send. */
  readonly firstP50: number;
  readonly rounds: number;
  readonly samples: number;
  /** Receipts that never came (clients × rounds − samples). */
  readonly missing: number;
}

/**
 * Latencies of the measured rounds. A round in which a client never got the message counts as missing and
 * its "until all" is left out, so a lost message shows in `missing`, not as a fake latency.
 */
export function summariseRounds(
  sentAt: ReadonlyMap<number, number>,
  receipts: ReadonlyMap<number, readonly number[]>,
  clients: number,
): FanoutSummary {
  const perClient: number[] = [];
  const untilAll: number[] = [];
  const untilFirst: number[] = [];
  let missing = 0;
  for (const [round, sent] of sentAt) {
    const times = receipts.get(round) ?? [];
    let first = Infinity;
    let last = -Infinity;
    for (const t of times) {
      perClient.push(t - sent);
      first = Math.min(first, t - sent);
      last = Math.max(last, t - sent);
    }
    if (times.length > 0) untilFirst.push(first);
    missing += Math.max(0, clients - times.length);
    if (times.length >= clients) untilAll.push(last);
  }
  perClient.sort((a, b) => a - b);
  untilAll.sort((a, b) => a - b);
  untilFirst.sort((a, b) => a - b);
  return {
    p50: percentile(perClient, 50),
    p99: percentile(perClient, 99),
    allP50: percentile(untilAll, 50),
    allP99: percentile(untilAll, 99),
    firstP50: percentile(untilFirst, 50),
    rounds: sentAt.size,
    samples: perClient.length,
    missing,
  };
}

export interface Measured extends FanoutSummary {
  readonly payloadBytes: number;
}

/**
 * The figures of one size: per system p50/p99 per client and per round until all had it, then the ratios to the
 * bare room with the goal, and the machine's load average (the benchmark shares the machine with whatever runs).
 */
export function fanoutFigures(clients: number, ours: Measured, base: Measured, loadAverage: number): Figure[] {
  const figures: Figure[] = [];
  for (const [system, m] of [
    ['simcell', ours],
    ['bare', base],
  ] as const) {
    const detail = { clients, rounds: m.rounds, missing: m.missing, payloadJsonBytes: m.payloadBytes };
    figures.push({
      figure: `fanout.${clients}.${system}.p50`,
      value: round(m.p50),
      unit: 'ms',
      ...detail,
      firstClientP50: round(m.firstP50),
    });
    figures.push({ figure: `fanout.${clients}.${system}.p99`, value: round(m.p99), unit: 'ms', ...detail });
    figures.push({
      figure: `fanout.${clients}.${system}.all.p50`,
      value: round(m.allP50),
      unit: 'ms',
      ...detail,
      per: 'round, until every client had it',
    });
    figures.push({
      figure: `fanout.${clients}.${system}.all.p99`,
      value: round(m.allP99),
      unit: 'ms',
      ...detail,
      per: 'round, until every client had it',
    });
  }
  const context = { clients, loadAverage1m: round(loadAverage) };
  figures.push({ figure: `fanout.${clients}.ratio.p50`, value: round(ours.p50 / base.p50), unit: '×', goal: '≤ 1.25', ...context });
  figures.push({ figure: `fanout.${clients}.ratio.p99`, value: round(ours.p99 / base.p99), unit: '×', goal: '≤ 1.25', ...context });
  return figures;
}
