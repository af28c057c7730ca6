import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimcellServer, type SimcellServer } from '../../server/app/createSimcellServer.ts';
import { createLogger } from '../../server/app/logger.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface CreatedExercise {
  readonly id: string;
  readonly roomId: string;
  readonly codes: {
    control: string;
    evaluator: string;
    observer: string;
    screen: string;
    class: string;
    organisations: Record<string, string>;
  };
}

export interface TestServer {
  readonly server: SimcellServer;
  readonly http: string;
  readonly ws: string;
  readonly dataDir: string;
  api(
    path: string,
    init?: { method?: string; body?: unknown; token?: string | null; raw?: string },
  ): Promise<{ status: number; body: unknown }>;
  createExercise(body: Record<string, unknown>): Promise<CreatedExercise>;
  close(): Promise<void>;
}

/** A real SimCell server on 127.0.0.1:`port` with a fresh data directory. One per test file: ports must differ. */
export async function startTestServer(
  port: number,
  options: { scenariosDir?: string; dataDir?: string; watchScenarios?: boolean; trustProxy?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'simcell-test-'));
  const server = await createSimcellServer({
    config: {
      port,
      host: '127.0.0.1',
      dataDir,
      adminToken: ADMIN_TOKEN,
      logLevel: 'silent',
      scenariosDir: options.scenariosDir ?? FIXTURES_DIR,
      trustProxy: options.trustProxy ?? false,
    },
    logger: createLogger(process.env.SIMCELL_TEST_LOG === '1' ? 'debug' : 'silent'),
    watchScenarios: options.watchScenarios ?? false,
  });
  const http = `http://127.0.0.1:${port}`;
  const api: TestServer['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = init.token === undefined ? ADMIN_TOKEN : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${http}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  };
  return {
    server,
    http,
    ws: `ws://127.0.0.1:${port}`,
    dataDir,
    api,
    async createExercise(body) {
      const res = await api('/api/exercises', { method: 'POST', body });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as CreatedExercise;
    },
    close: () => server.close(),
  };
}
