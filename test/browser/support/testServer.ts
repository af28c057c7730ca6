import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimcellServer, type SimcellServer } from '../../../server/app/createSimcellServer.ts';
import { createLogger } from '../../../server/app/logger.ts';
import { ensureClientBuilt, ROOT } from './buildClient.ts';

export const ADMIN_TOKEN = 'browser-test-admin-token';

export interface JoinCodes {
  readonly control: string;
  readonly evaluator: string;
  readonly observer: string;
  readonly screen: string;
  readonly class: string;
  readonly organisations: Record<string, string>;
}

export interface TestServer {
  readonly url: string;
  readonly server: SimcellServer;
  /** Creates an exercise through the HTTP API, as Control's screen does. */
  createExercise(scenario: string, speed?: number): Promise<{ id: string; roomId: string; codes: JoinCodes }>;
  close(): Promise<void>;
}

/** A real SimCell server on a free loopback port, with a fresh data directory and the test scenarios. */
export async function startTestServer(scenariosDir = join(ROOT, 'test/fixtures')): Promise<TestServer> {
  const clientDir = await ensureClientBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'simcell-browser-'));
  const server = await createSimcellServer({
    config: { port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN_TOKEN, logLevel: 'error', scenariosDir },
    logger: createLogger('error'),
    clientDir,
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    server,
    async createExercise(scenario, speed = 1) {
      const response = await fetch(`${url}/api/exercises`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scenario, speed }),
      });
      if (!response.ok) throw new Error(`creating the exercise failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; roomId: string; codes: JoinCodes };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
