import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_SPEED, MIN_SPEED } from '../../shared/exerciseClock.ts';
import { readConfig } from '../app/config.ts';
import { createLogger } from '../app/logger.ts';
import { builtClient } from '../app/serveCommand.ts';
import { startPreview } from '../preview/startPreview.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import { POLICIES, type PolicyName } from '../simulate/playerPolicy.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError } from './parseArgs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE =
  'usage: simcell preview <file> [--policy none|expected|random] [--seed N] [--speed N] [--port N] [--inspect] [--inspect-port N]';
const DEFAULT_INSPECT_PORT = 2568;

/**
 * `simcell preview`: a dry-run of a scenario file in the browser, with automatic players in every played seat
 * (the policies of `simulate`). The file's folder is watched; with `--inspect` (or NODE_ENV=development) the
 * machine streams to Stately's inspector. Runs until stopped.
 */
export async function previewCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { policy: 'value', seed: 'value', speed: 'value', port: 'value', inspect: 'flag', 'inspect-port': 'value' });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  const [file, ...extra] = parsed.positional;
  if (file === undefined || extra.length)
    return usage(io, file === undefined ? 'name one scenario file' : `one file at a time (also got ${extra.join(', ')})`);
  const options = parsed.options;
  const text = (name: string): string | undefined => {
    const value = options[name];
    return typeof value === 'string' ? value : undefined;
  };
  const policy = (text('policy') ?? 'expected') as PolicyName;
  if (!POLICIES.includes(policy)) return usage(io, `--policy is one of ${POLICIES.join(', ')}, not "${policy}"`);
  const seed = text('seed') ?? '1';
  if (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff) return usage(io, `--seed takes a whole number from 0 to 4294967295, not "${seed}"`);
  const speed = Number(text('speed') ?? '60');
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED)
    return usage(io, `--speed is a number from ${MIN_SPEED} to ${MAX_SPEED}, not "${text('speed')}"`);
  const port = text('port');
  if (port !== undefined && !isPort(port)) return usage(io, `--port is a whole number from 0 to 65535, not "${port}"`);
  const inspectPort = text('inspect-port') ?? String(DEFAULT_INSPECT_PORT);
  if (!isPort(inspectPort) || Number(inspectPort) === 0)
    return usage(io, `--inspect-port is a whole number from 1 to 65535, not "${inspectPort}"`);
  const inspect = parsed.options.inspect === true || process.env.NODE_ENV === 'development';

  let config;
  try {
    // Local by default: a preview is one author's (HOST=0.0.0.0 opens it to the network).
    config = readConfig({ HOST: '127.0.0.1', ...process.env, ...(port !== undefined ? { PORT: port } : {}) }, ROOT);
  } catch (error) {
    io.err(`simcell preview: ${(error as Error).message}`);
    return 2;
  }
  // A throwaway store unless SIMCELL_DATA_DIR names one: dry-runs are not exercises to keep.
  const dataDir = process.env.SIMCELL_DATA_DIR ? config.dataDir : mkdtempSync(join(tmpdir(), 'simcell-preview-'));
  if (!process.env.SIMCELL_DATA_DIR) process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

  let result;
  try {
    result = await startPreview({
      file: resolve(file),
      dryRun: { policy, seed: Number(seed) },
      speed,
      config: { ...config, dataDir },
      logger: createLogger(config.logLevel),
      clientDir: await builtClient(io),
      ...(inspect ? { inspectPort: Number(inspectPort) } : {}),
      handleSignals: true,
    });
  } catch (error) {
    io.err(`simcell preview: ${(error as Error).message}`);
    return 1;
  }
  if (!result.ok) {
    for (const problem of result.problems) io.err(formatProblem(problem));
    return 1;
  }
  const { preview } = result;
  const played = preview.scenario.organisations.filter((o) => !o.simulated).map((o) => o.id);
  io.out(`Dry-run of ${file}: automatic players (${policy}, seed ${seed}) in ${played.join(', ') || 'no seat'}, at ${speed}×`);
  io.out(`Exercise Control: ${preview.controlUrl}`);
  io.out(`Scenario files in ${dirname(resolve(file))} are checked again when saved; their problems show in Control.`);
  if (preview.inspector)
    io.out(`Stately inspector: ${preview.inspector.pageUrl} (development only; the machine's events go to ${preview.inspector.socketUrl})`);
  return new Promise<number>(() => undefined); // runs until the process is stopped
}

function isPort(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) <= 65535;
}

function usage(io: CliIo, message: string): number {
  io.err(`simcell preview: ${message}\n${USAGE}`);
  return 2;
}
