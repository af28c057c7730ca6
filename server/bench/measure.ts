/** One figure as `npm run bench` prints it: one JSON line each. */
export interface Figure {
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  readonly [detail: string]: unknown;
}

/** Runs `fn` `times` times after one warm-up and returns the median wall milliseconds. */
export function medianMs(times: number, fn: () => void): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
