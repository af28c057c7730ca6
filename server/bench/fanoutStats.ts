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
  let missing = 0;
  for (const [round, sent] of sentAt) {
    const times = receipts.get(round) ?? [];
    let last = -Infinity;
    for (const t of times) {
      perClient.push(t - sent);
      last = Math.max(last, t - sent);
    }
    missing += Math.max(0, clients - times.length);
    if (times.length >= clients) untilAll.push(last);
  }
  perClient.sort((a, b) => a - b);
  untilAll.sort((a, b) => a - b);
  return {
    p50: percentile(perClient, 50),
    p99: percentile(perClient, 99),
    allP50: percentile(untilAll, 50),
    allP99: percentile(untilAll, 99),
    rounds: sentAt.size,
    samples: perClient.length,
    missing,
  };
}
