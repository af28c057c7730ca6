import type { CliIo } from './cliIo.ts';
import { processIo } from './cliIo.ts';

const USAGE = `simcell — public-private cyber crisis exercises

Usage:
  simcell validate <file…>                       check scenario files
  simcell simulate <file> [--seed N] [--policy none|expected|random] [--json]
                                                 run an exercise headless with automatic players
  simcell serve                                  start the exercise server (npm start)
  simcell import <archive.json>                  restore an exercise archive into the local store
  simcell bench [--quick]                        print performance figures (npm run bench)
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded on demand: `validate` should not pay for starting a server.
const COMMANDS: Record<string, Command> = {
  validate: async (args, io) => (await import('./validateCommand.ts')).validateCommand(args, io),
  simulate: async (args, io) => (await import('./simulateCommand.ts')).simulateCommand(args, io),
  bench: async (args, io) => (await import('./benchCommand.ts')).benchCommand(args, io),
  serve: async (args, io) => (await import('../app/serveCommand.ts')).serveCommand(args, io),
  import: async (args, io) => (await import('./importCommand.ts')).importCommand(args, io),
};

/** Runs one CLI command and returns its exit code. Exit 2 is a usage error, 1 a failed check. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`simcell: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command(args, io);
}
