import type { SeededRandom } from '../../server/engine/seededRandom.ts';

/** Seeded choices for the message generator: every draw comes from one SeededRandom, in call order. */
export class SeededPicker {
  constructor(private readonly random: SeededRandom) {}

  next(): number {
    return this.random.next();
  }

  int(min: number, max: number): number {
    return this.random.int(min, max);
  }

  chance(p: number): boolean {
    return this.random.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = this.random.pick(items);
    if (item === undefined) throw new Error('SeededPicker: nothing to pick from; pass a non-empty list');
    return item;
  }

  /** Between min and max distinct items, in random order. */
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const n = this.random.int(Math.min(min, items.length), Math.min(max, items.length));
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(this.random.int(0, pool.length - 1), 1)[0]!);
    return out;
  }

  words(n: number): string {
    const vocab = ['ddos', 'login', 'botnet', 'filter', 'report', 'bank', 'outage', 'press', 'minister', 'status', 'update', 'traffic'];
    return Array.from({ length: n }, () => this.pick(vocab)).join(' ');
  }

  /** A few words, then the leak token if there is one. */
  text(token: string): string {
    return token ? `${this.words(this.random.int(2, 12))} ${token}` : this.words(this.random.int(2, 12));
  }
}
