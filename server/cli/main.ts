import type { CliIo } from './cliIo.ts';
import { processIo } from './cliIo.ts';

const USAGE = `simcell — public-private cyber crisis exercises

Usage:
  simcell validate <file…>                       check scenario files
  simcell simulate <file> [--seed N] [--policy none|expected|random] [--json]
                                                 run an exercise headless with automatic players
  simcell serve                                  start the exercise server (npm start)
  simcell import <archive.json>                  restore an exercise archive into the local store
  simcell check <file…>                          explore every path of a scenario and report defects
  simcell diagram <file> [--format mermaid|svg]  draw a scenario's phases, transitions and injects
  simcell preview <file> [--policy none|expected|random] [--seed N] [--speed N] [--port N] [--inspect]
                                                 dry-run a scenario in the browser with automatic players
  simcell msel import <file.csv> -o <scenario.yaml> [--start HH:MM] [--id …] [--title …] [--lang …]
  simcell msel export <scenario.yaml> -o <file.csv> [--semicolon]
                                                 convert a spreadsheet MSEL to and from a scenario
  simcell report <archive.json> --out <dir>      write the after-action report of an exercise archive
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
  check: async (args, io) => (await import('./checkCommand.ts')).checkCommand(args, io),
  diagram: async (args, io) => (await import('./diagramCommand.ts')).diagramCommand(args, io),
  preview: async (args, io) => (await import('./previewCommand.ts')).previewCommand(args, io),
  msel: async (args, io) => (await import('./mselCommand.ts')).mselCommand(args, io),
  report: async (args, io) => (await import('./reportCommand.ts')).reportCommand(args, io),
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
