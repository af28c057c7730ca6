import { round, type Figure } from './measure.ts';

/** Nearest-rank percentile of an ascending list; NaN for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Ascending copy. */
export function sorted(values: Iterable<number>): number[] {
  return [...values].sort((a, b) => a - b);
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
  /** Each round's own per-client p50 (ms), by round number: the spread from round to round. */
  readonly roundP50s: ReadonlyMap<number, number>;
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
  const roundP50s = new Map<number, number>();
  let missing = 0;
  for (const [round, sent] of sentAt) {
    const latencies = sorted((receipts.get(round) ?? []).map((t) => t - sent));
    perClient.push(...latencies);
    if (latencies.length > 0) {
      untilFirst.push(latencies[0]!);
      roundP50s.set(round, percentile(latencies, 50));
    }
    missing += Math.max(0, clients - latencies.length);
    if (latencies.length >= clients) untilAll.push(latencies[latencies.length - 1]!);
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
    roundP50s,
    rounds: sentAt.size,
    samples: perClient.length,
    missing,
  };
}

export interface Measured extends FanoutSummary {
  readonly payloadBytes: number;
}

/** A SimCell round and the bare round next to it (the order alternates from pair to pair). */
export type RoundPair = readonly [simcellRound: number, bareRound: number];

/**
 * The figures of one size: per system the p50 and p99 per client, then the ratios to the bare room with the goal.
 * The headline ratio compares the pooled percentiles; beside it, the ratio of each pair's round p50s (a SimCell
 * round and the bare round next to it, which met the same machine) as its quartiles, so the spread shows; and
 * the machine's load average, as the benchmark shares the machine with whatever else runs.
 */
export function fanoutFigures(
  clients: number,
  ours: Measured,
  base: Measured,
  pairs: readonly RoundPair[],
  loadAverage: number,
  goal: { readonly ratio?: string; readonly p99?: string } = {},
): Figure[] {
  const figures: Figure[] = [];
  for (const [system, m] of [
    ['simcell', ours],
    ['bare', base],
  ] as const) {
    const roundP50 = sorted(m.roundP50s.values());
    const detail = {
      clients,
      rounds: m.rounds,
      samples: m.samples,
      missing: m.missing,
      payloadJsonBytes: m.payloadBytes,
      firstClientP50Ms: round(m.firstP50),
      untilAllP50Ms: round(m.allP50),
      untilAllP99Ms: round(m.allP99),
    };
    figures.push({
      figure: `fanout.${clients}.${system}.p50`,
      value: round(m.p50),
      unit: 'ms',
      ...detail,
      roundP50QuartilesMs: [round(percentile(roundP50, 25)), round(percentile(roundP50, 75))],
    });
    figures.push({
      figure: `fanout.${clients}.${system}.p99`,
      value: round(m.p99),
      unit: 'ms',
      ...(system === 'simcell' && goal.p99 ? { goal: goal.p99 } : {}),
      ...detail,
    });
  }
  const pairRatios = sorted(
    pairs.flatMap(([simcellRound, bareRound]) => {
      const simcell = ours.roundP50s.get(simcellRound);
      const bare = base.roundP50s.get(bareRound);
      return simcell !== undefined && bare !== undefined && bare > 0 ? [simcell / bare] : [];
    }),
  );
  const context = { clients, loadAverage1m: round(loadAverage), ...(goal.ratio ? { goal: goal.ratio } : {}) };
  figures.push({
    figure: `fanout.${clients}.ratio.p50`,
    value: round(ours.p50 / base.p50),
    unit: '×',
    ...context,
    pairs: pairRatios.length,
    pairRatioQuartiles: [25, 50, 75].map((p) => round(percentile(pairRatios, p))),
  });
  figures.push({ figure: `fanout.${clients}.ratio.p99`, value: round(ours.p99 / base.p99), unit: '×', ...context });
  return figures;
}
