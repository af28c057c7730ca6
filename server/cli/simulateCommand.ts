import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import { formatTimeline } from '../simulate/formatTimeline.ts';
import { POLICIES, type PolicyName } from '../simulate/playerPolicy.ts';
import { simulateExercise } from '../simulate/simulateExercise.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError } from './parseArgs.ts';

const USAGE = 'usage: simcell simulate <file> [--seed N] [--policy none|expected|random] [--json] [--lang en|nl]';

/** `simcell simulate`: a whole exercise headless; the same arguments give byte-identical output [D3]. */
export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { seed: 'value', policy: 'value', json: 'flag', lang: 'value' });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  const [file, ...extra] = parsed.positional;
  if (file === undefined || extra.length)
    return usage(io, file === undefined ? 'name one scenario file' : `one file at a time (also got ${extra.join(', ')})`);
  const seedText = typeof parsed.options.seed === 'string' ? parsed.options.seed : '1';
  if (!/^\d+$/.test(seedText) || Number(seedText) > 0xffffffff)
    return usage(io, `--seed takes a whole number from 0 to 4294967295, not "${seedText}"`);
  const policy = (typeof parsed.options.policy === 'string' ? parsed.options.policy : 'expected') as PolicyName;
  if (!POLICIES.includes(policy)) return usage(io, `--policy is one of ${POLICIES.join(', ')}, not "${policy}"`);

  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(formatProblem(problem));
    return 1;
  }
  const language = typeof parsed.options.lang === 'string' ? parsed.options.lang : undefined;
  if (language !== undefined && !loaded.scenario.languages.includes(language))
    return usage(io, `--lang is one of the scenario's languages: ${loaded.scenario.languages.join(', ')}`);
  const report = simulateExercise(loaded.scenario, { seed: Number(seedText), policy });
  io.out(parsed.options.json ? `${JSON.stringify(report, null, 2)}\n` : formatTimeline(report, loaded.scenario, language));
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`simcell simulate: ${message}\n${USAGE}`);
  return 2;
}
