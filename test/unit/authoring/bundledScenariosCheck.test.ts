import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkScenarioModel } from '../../../server/authoring/checkScenarioModel.ts';
import { loadScenarioFile } from '../../../server/scenario/loadScenario.ts';
import { formatProblem } from '../../../server/scenario/scenarioProblem.ts';

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));

describe('every bundled scenario passes the check', () => {
  it.each(files)('[K1] %s: every phase, inject, action, transition, objective, expectation and effect is reached', async (file) => {
    const loaded = await loadScenarioFile(join(SCENARIOS, file));
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const { problems, exploration } = checkScenarioModel(loaded);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(exploration?.stop).toBe('covered');
  });
});
