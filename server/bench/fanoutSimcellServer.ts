import { createSimcellServer } from '../app/createSimcellServer.ts';
import { createLogger } from '../app/logger.ts';
import type { ServerListening } from './fanoutProtocol.ts';

/**
 * The SimCell process of the fan-out benchmark (`node --import tsx fanoutSimcellServer.ts '<json>'`, forked
 * by fanoutBench.ts): a real server with its store in a temporary data directory, on 127.0.0.1 and a free port.
 * On `stop` it closes and exits, so `--cpu-prof` can write its profile.
 */
interface SimcellChildOptions {
  readonly dataDir: string;
  readonly scenariosDir: string;
  readonly adminToken: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as SimcellChildOptions;
const logger = createLogger('warn');
const server = await createSimcellServer({
  config: {
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    adminToken: options.adminToken,
    logLevel: 'warn',
    scenariosDir: options.scenariosDir,
  },
  logger,
});
const listening: ServerListening = { type: 'listening', port: server.port };
process.send?.(listening);

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  setTimeout(() => process.exit(0), 3000).unref();
  void server.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
