import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import type { CliIo } from './cliIo.ts';

/** `simcell validate <file…>`: one summary line per valid file; `file:line:column: message` per problem. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    io.err('usage: simcell validate <file…>');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const result = await loadScenarioFile(file);
    if (result.ok) {
      const s = result.scenario;
      const simulated = s.organisations.filter((o) => o.simulated).length;
      io.out(
        `${file}: ok — ${s.id}: ${s.organisations.length} organisations (${simulated} simulated), ${s.injects.length} injects, ${s.phases.length} phases, ${s.actions.length} actions, ${s.objectives.length} objectives`,
      );
    } else {
      failed = true;
      for (const problem of result.problems) io.err(formatProblem(problem));
      io.err(`${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
    }
  }
  return failed ? 1 : 0;
}
