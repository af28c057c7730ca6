/**
 * Runs tasks one after another. The room validates, stores and applies each intent in order, and time
 * advances between them, never during: an event's exercise time is the time it was applied at.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  run(task: () => Promise<void> | void): Promise<void> {
    this.pending++;
    const next = this.tail.then(task).finally(() => {
      this.pending--;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  get busy(): boolean {
    return this.pending > 0;
  }
}
