import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli/cliIo.ts';
import { readConfig } from './config.ts';
import { createSimcellServer } from './createSimcellServer.ts';
import { createLogger } from './logger.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT_DIR = `${ROOT}dist/client`;

/** The built browser client's folder; builds it first when it is missing (`serve`, `preview`). */
export async function builtClient(io: CliIo): Promise<string> {
  if (!existsSync(`${CLIENT_DIR}/index.html`)) {
    io.out('Building the browser client (first start)…');
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'warn' });
  }
  return CLIENT_DIR;
}

/** `simcell serve` (npm start): builds the client if it is missing, starts the server, prints where to go. */
export async function serveCommand(_args: string[], io: CliIo): Promise<number> {
  let config;
  try {
    config = readConfig(process.env, ROOT);
  } catch (error) {
    io.err(`simcell serve: ${(error as Error).message}`);
    return 2;
  }
  await builtClient(io);
  const logger = createLogger(config.logLevel);
  const server = await createSimcellServer({
    config,
    logger,
    clientDir: CLIENT_DIR,
    handleSignals: true,
    // In development a saved scenario file is validated again and its problems shown to Control.
    watchScenarios: process.env.NODE_ENV === 'development',
  }).catch((error: unknown) => {
    // Cluster mode names the service it cannot reach and the variable to check.
    io.err(`simcell serve: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (!server) return 1;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  io.out(`SimCell is running on http://${host}:${server.port}/`);
  io.out(`Exercise Control: http://${host}:${server.port}/control#token=${server.adminToken}`);
  io.out(
    server.adminTokenGenerated
      ? `Admin token (generated, kept in ${config.dataDir}/admin-token): ${server.adminToken}`
      : `Admin token: from ${process.env.SIMCELL_ADMIN_TOKEN ? 'SIMCELL_ADMIN_TOKEN' : `${config.dataDir}/admin-token`}`,
  );
  return new Promise<number>(() => undefined); // runs until the process is stopped
}
