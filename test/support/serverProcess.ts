import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN, FIXTURES_DIR } from './testServer.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./serverProcessEntry.ts', import.meta.url));

export interface ServerProcessOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly scenariosDir?: string;
  readonly adminToken?: string;
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** A built browser client to serve (dist/client), for browser tests; none unless given. */
  readonly clientDir?: string;
  /** How long a start may take before it fails (ms). */
  readonly startTimeoutMs?: number;
  /** More environment for the process (cluster mode's variables, for instance). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A real SimCell server in a child process (`node --import tsx test/support/serverProcessEntry.ts`), on
 * 127.0.0.1:`port` with its store in `dataDir`, for tests that need what an in-process server cannot give:
 * a `kill -9`. `restart()` starts a new process on the same port and data directory. Ready means `/healthz`
 * answers and the process has reopened every stored exercise (the health check alone answers before that).
 * Every process started here is killed when the test process exits.
 */
export class ServerProcess {
  readonly http: string;
  readonly ws: string;
  readonly adminToken: string;
  private child: ChildProcess | undefined;
  private exited: Promise<ProcessExit> = Promise.resolve({ code: null, signal: null });
  private output: string[] = [];
  private starts = 0;

  private constructor(readonly options: ServerProcessOptions) {
    this.http = `http://127.0.0.1:${options.port}`;
    this.ws = `ws://127.0.0.1:${options.port}`;
    this.adminToken = options.adminToken ?? ADMIN_TOKEN;
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const server = new ServerProcess(options);
    await server.launch();
    return server;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the current (or last) process wrote, for failure messages. */
  get log(): string {
    return this.output.slice(-30).join('\n');
  }

  /** Sends `signal` (SIGKILL unless told) and resolves once the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ProcessExit> {
    if (this.running) this.child!.kill(signal);
    return this.exited;
  }

  /** Starts the server again on the same port and data directory; the previous process must have exited. */
  async restart(): Promise<void> {
    if (this.running) throw new Error(`the server process ${this.pid} is still running: kill it first`);
    await this.launch();
  }

  /** Stops the process: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }

  /** A request to the HTTP API with the admin token; the body parsed as JSON when it is JSON. */
  async api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.http}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.adminToken}` },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: res.status, body: text };
    }
  }

  private async launch(): Promise<void> {
    const o = this.options;
    this.output = [];
    this.starts++;
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(o.port),
        HOST: '127.0.0.1',
        SIMCELL_DATA_DIR: o.dataDir,
        SIMCELL_ADMIN_TOKEN: this.adminToken,
        SIMCELL_SCENARIOS_DIR: o.scenariosDir ?? FIXTURES_DIR,
        SIMCELL_LOG_LEVEL: o.logLevel ?? 'warn',
        ...o.env,
        ...(o.clientDir ? { SIMCELL_TEST_CLIENT_DIR: o.clientDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    LIVE.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        LIVE.delete(child);
        resolve({ code, signal });
      }),
    );
    let ready = false;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        if (line.startsWith('{"type":"ready"')) ready = true;
        this.output.push(line);
      }
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);

    const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
    let healthy = false;
    while (!(healthy && ready)) {
      if (!this.running) {
        const exit = await this.exited;
        throw new Error(`SimCell server (start ${this.starts}) exited (${exit.code ?? exit.signal}) before it was ready:\n${this.log}`);
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`SimCell server (start ${this.starts}) not ready within ${o.startTimeoutMs ?? 30_000} ms:\n${this.log}`);
      }
      if (!healthy)
        healthy = await fetch(`${this.http}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      if (!(healthy && ready)) await sleep(50);
    }
  }
}

const LIVE = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of LIVE) child.kill('SIGKILL');
});
