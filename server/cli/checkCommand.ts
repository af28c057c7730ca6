import { checkScenarioModel } from '../authoring/checkScenarioModel.ts';
import { DEFAULT_BOUNDS, type Exploration, type ExplorationBounds } from '../authoring/exploreScenario.ts';
import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError } from './parseArgs.ts';

const USAGE = 'usage: simcell check <file…> [--max-paths N] [--max-states N]';
const count = new Intl.NumberFormat('en');

/**
 * `simcell check <file…>` [K1–K7]: validates each file, then explores its machine over players' decisions.
 * Every problem is printed as `file:line:column: message` with a hint; one summary line per file says how many
 * paths and states were explored and within which bound. Exit 1 when any problem is found.
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { 'max-paths': 'value', 'max-states': 'value' });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  const bounds: Record<keyof ExplorationBounds, number> = { ...DEFAULT_BOUNDS };
  for (const [option, key] of [
    ['max-paths', 'maxPaths'],
    ['max-states', 'maxStates'],
  ] as const) {
    const text = parsed.options[option];
    if (typeof text !== 'string') continue;
    if (!/^[1-9]\d{0,8}$/.test(text)) return usage(io, `--${option} takes a whole number from 1 to 999999999, not "${text}"`);
    bounds[key] = Number(text);
  }
  if (parsed.positional.length === 0) return usage(io, 'name at least one scenario file');

  let failed = false;
  for (const file of parsed.positional) {
    const loaded = await loadScenarioFile(file);
    if (!loaded.ok) {
      failed = true;
      for (const problem of loaded.problems) io.err(formatProblem(problem));
      io.err(`${file}: ${plural(loaded.problems.length, 'problem')} — not explored: fix what validation found first`);
      continue;
    }
    const { problems, exploration } = checkScenarioModel(loaded, bounds);
    for (const problem of problems) io.err(formatProblem(problem));
    if (problems.length) failed = true;
    const verdict = problems.length ? plural(problems.length, 'problem') : 'ok';
    io.out(`${file}: ${verdict} — ${loaded.scenario.id}: ${describeSearch(exploration, bounds)}`);
  }
  return failed ? 1 : 0;
}

function describeSearch(exploration: Exploration | undefined, bounds: ExplorationBounds): string {
  if (!exploration) return 'not explored: the engine would not come back from the when: loop reported above';
  const explored = `explored ${plural(exploration.paths, 'path')} and ${plural(exploration.states, 'state')}`;
  const bound = `bound ${plural(bounds.maxPaths, 'path')}, ${plural(bounds.maxStates, 'state')}`;
  switch (exploration.stop) {
    case 'covered':
      return `${explored} (${bound}); every phase, inject, action, transition, objective, expectation and indicator effect reached`;
    case 'exhausted':
      return `${explored}: every path within reach (${bound})`;
    case 'bound':
      return `${explored}, then stopped at its bound (${bound}): "never" in a finding means on no explored path`;
  }
}

function plural(n: number, word: string): string {
  return `${count.format(n)} ${word}${n === 1 ? '' : 's'}`;
}

function usage(io: CliIo, message: string): number {
  io.err(`simcell check: ${message}\n${USAGE}`);
  return 2;
}
