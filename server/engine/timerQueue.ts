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
  private readonly heap: Timer[] = [];
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
    this.push({ id, due, fn });
    return id;
  }

  clearTimeout(id: number): void {
    this.live.delete(id); // removed lazily when it reaches the top
  }

  /** When the earliest live timer is due, if any. */
  nextDue(): number | undefined {
    this.dropCleared();
    return this.heap[0]?.due;
  }

  /** Fires every timer due at or before `time`, earliest first, ties in the order they were set. */
  advanceTo(time: number): void {
    if (time < this.current) throw new RangeError(`exercise time cannot go back (${time} < ${this.current})`);
    for (;;) {
      this.dropCleared();
      const top = this.heap[0];
      if (!top || top.due > time) break;
      this.pop();
      this.live.delete(top.id);
      this.current = top.due;
      top.fn();
    }
    this.current = time;
  }

  private dropCleared(): void {
    while (this.heap.length && !this.live.has(this.heap[0]!.id)) this.pop();
  }

  private before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (!heap.length) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
