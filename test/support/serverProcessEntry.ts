import { fileURLToPath } from 'node:url';
import { readConfig } from '../../server/app/config.ts';
import { createSimcellServer } from '../../server/app/createSimcellServer.ts';
import { createLogger } from '../../server/app/logger.ts';

/**
 * A SimCell server as its own process, for fault tests (`node --import tsx serverProcessEntry.ts`, started by
 * serverProcess.ts). Configured from the environment like `simcell serve` (PORT, HOST, SIMCELL_DATA_DIR,
 * SIMCELL_ADMIN_TOKEN, SIMCELL_SCENARIOS_DIR, SIMCELL_LOG_LEVEL). It serves the browser client only when
 * SIMCELL_TEST_CLIENT_DIR names one that is already built (browser tests), so nothing is built here. Once
 * every stored exercise has its room again it prints one line, `{"type":"ready","port":…}`.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const config = readConfig(process.env, ROOT);
const server = await createSimcellServer({
  config,
  logger: createLogger(config.logLevel),
  handleSignals: false,
  ...(process.env.SIMCELL_TEST_CLIENT_DIR ? { clientDir: process.env.SIMCELL_TEST_CLIENT_DIR } : {}),
});
process.stdout.write(`${JSON.stringify({ type: 'ready', port: server.port })}\n`);
// SIGTERM (ServerProcess.stop) stops it cleanly: rooms and store closed; a cluster process gives its exercises back.
process.once('SIGTERM', () => void server.close().finally(() => process.exit(0)));
