import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The fan-out benchmark's child processes: forked as `node --import tsx <file>` with an IPC channel, their
 * stderr kept (the last lines) for error messages, every wait bounded, and all of them killed at the end,
 * also when the benchmark fails or the parent exits early.
 */
export class FanoutChild<Event extends { type: string }> {
  readonly process: ChildProcess;
  private readonly stderr: string[] = [];
  private readonly waiters = new Set<(event: Event) => boolean>();

  constructor(
    readonly label: string,
    file: string,
    args: readonly string[] = [],
    nodeOptions: readonly string[] = [],
  ) {
    this.process = fork(fileURLToPath(new URL(file, import.meta.url)), [...args], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', ...nodeOptions],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.stderr.length > 20) this.stderr.splice(0, this.stderr.length - 20);
    });
    this.process.on('message', (event: Event) => {
      for (const waiter of [...this.waiters]) if (waiter(event)) this.waiters.delete(waiter);
    });
    const child = this.process;
    LIVE.add(child);
    child.on('exit', () => LIVE.delete(child));
  }

  /** The child's last lines on stderr, indented, for an error message ('' when it said nothing). */
  stderrTail(lines = 8): string {
    return this.stderr.length ? `\n  ${this.label}:\n    ${this.stderr.slice(-lines).join('\n    ')}` : '';
  }

  send(command: unknown): void {
    if (this.process.connected) this.process.send(command as object);
  }

  /** Calls `listener` for every event until it returns true. */
  listen(listener: (event: Event) => boolean): () => void {
    this.waiters.add(listener);
    return () => this.waiters.delete(listener);
  }

  /** The next event of this type, or a rejection naming the child after `timeoutMs` or when it exits. */
  next<T extends Event['type']>(type: T, timeoutMs: number): Promise<Extract<Event, { type: T }>> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        cleanup();
        reject(new Error(`${this.label}: ${why}${this.stderrTail()}`));
      };
      const onExit = (code: number | null) => fail(`exited (${code}) before "${type}"`);
      const timer = setTimeout(() => fail(`no "${type}" within ${timeoutMs} ms`), timeoutMs);
      const waiter = (event: Event) => {
        if (event.type !== type) return false;
        cleanup();
        resolve(event as Extract<Event, { type: T }>);
        return true;
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        this.process.off('exit', onExit);
      };
      this.waiters.add(waiter);
      this.process.once('exit', onExit);
    });
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** Asks the child to stop; kills it if it has not exited after `graceMs`. */
  async stop(graceMs = 4000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

const LIVE = new Set<ChildProcess>();

/** Kills every child still running: the last line of defence, also on an early exit of the parent. */
export function killAllFanoutChildren(): void {
  for (const child of LIVE) child.kill('SIGKILL');
  LIVE.clear();
}
process.once('exit', killAllFanoutChildren);
