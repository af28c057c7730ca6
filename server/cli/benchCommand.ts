import { fileURLToPath } from 'node:url';
import { checkBench } from '../bench/checkBench.ts';
import { classroomBench } from '../bench/classroomBench.ts';
import { clientBench } from '../bench/clientBench.ts';
import { engineBench } from '../bench/engineBench.ts';
import { fanoutBench } from '../bench/fanoutBench.ts';
import { joinStormBench } from '../bench/joinStormBench.ts';
import { storeBench } from '../bench/storeBench.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError } from './parseArgs.ts';

const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** `simcell bench [--quick]`: one JSON line per figure (`{"figure", "value", "unit", …}`). */
export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  let quick: boolean;
  try {
    quick = parseArgs(args, { quick: 'flag' }).options.quick === true;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`simcell bench: ${error.message}`);
      return 2;
    }
    throw error;
  }
  for (const figure of await engineBench(quick, SCENARIOS_DIR)) io.out(JSON.stringify(figure));
  for (const figure of await checkBench(quick, SCENARIOS_DIR)) io.out(JSON.stringify(figure));
  for (const figure of await fanoutBench(quick)) io.out(JSON.stringify(figure));
  for (const figure of await joinStormBench(quick)) io.out(JSON.stringify(figure));
  for (const figure of await classroomBench(quick)) io.out(JSON.stringify(figure));
  for (const figure of await storeBench(quick)) io.out(JSON.stringify(figure));
  for (const figure of await clientBench(quick)) io.out(JSON.stringify(figure));
  return 0;
}
