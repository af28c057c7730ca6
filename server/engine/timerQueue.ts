import { PriorityQueue } from './priorityQueue.ts';

/**
 * Timers in exercise time [T4][T5]. It implements XState's Clock, so the machine's delayed transitions run on
 * it, and the engine's own timers (follow-ups, simulated answers) share the same order. Nothing here reads
 * the wall clock: time moves only when advanceTo is called.
 */
interface Timer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

export class TimerQueue {
  private current = 0;
  private nextId = 1;
  /** Earliest first; ties in the order they were set. */
  private readonly heap = new PriorityQueue<Timer>((a, b) => a.due < b.due || (a.due === b.due && a.id < b.id));
  private readonly live = new Set<number>();

  /** Exercise time in milliseconds. */
  get now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, delayMs: number): number {
    const id = this.nextId++;
    const due = Number.isFinite(delayMs) ? this.current + Math.max(0, delayMs) : Infinity;
    if (due === Infinity) return id; // never due: nothing to keep
    this.live.add(id);
    this.heap.push({ id, due, fn });
    return id;
  }

  clearTimeout(id: number): void {
    this.live.delete(id); // removed lazily when it reaches the top
  }

  /** When the earliest live timer is due, if any. */
  nextDue(): number | undefined {
    this.dropCleared();
    return this.heap.peek()?.due;
  }

  /** Fires every timer due at or before `time`, earliest first, ties in the order they were set. */
  advanceTo(time: number): void {
    if (time < this.current) throw new RangeError(`exercise time cannot go back (${time} < ${this.current})`);
    for (;;) {
      this.dropCleared();
      const top = this.heap.peek();
      if (!top || top.due > time) break;
      this.heap.pop();
      this.live.delete(top.id);
      this.current = top.due;
      top.fn();
    }
    this.current = time;
  }

  private dropCleared(): void {
    while (this.heap.size && !this.live.has(this.heap.peek()!.id)) this.heap.pop();
  }
}
