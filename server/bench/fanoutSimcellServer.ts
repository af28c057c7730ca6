import { createSimcellServer } from '../app/createSimcellServer.ts';
import { createLogger } from '../app/logger.ts';
import { clockNow, type ServerListening, type ServerUsage } from './fanoutProtocol.ts';

/**
 * The SimCell process of the scale and store benchmarks (`node --import tsx fanoutSimcellServer.ts '<json>'`):
 * a real server with its store in a temporary data directory, on 127.0.0.1 and a free port. On `usage` it tells
 * its CPU time and memory; on `stop` it closes and exits, so `--cpu-prof` can write its profile.
 */
interface SimcellChildOptions {
  readonly dataDir: string;
  readonly scenariosDir: string;
  readonly adminToken: string;
  /** The built browser client to serve, if any. */
  readonly clientDir?: string;
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
  ...(options.clientDir ? { clientDir: options.clientDir } : {}),
});
const listening: ServerListening = { type: 'listening', port: server.port };
process.send?.(listening);

process.on('message', (message: { type: string }) => {
  if (message.type === 'usage') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const usage: ServerUsage = {
      type: 'usage',
      at: clockNow(),
      wallMinusClockMs: wallMinusClock(),
      cpuUs: cpu.user + cpu.system,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
    process.send?.(usage);
  }
  if (message.type !== 'stop') return;
  setTimeout(() => process.exit(0), 3000).unref();
  void server.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

/** Date.now() − clockNow(), read just as Date.now() ticks to its next millisecond, so to a few microseconds. */
function wallMinusClock(): number {
  const before = Date.now();
  let now = Date.now();
  while (now === before) now = Date.now();
  return now - clockNow();
}
