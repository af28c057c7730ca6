import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkScenarioModel, type LoadedScenario, type ModelCheck } from '../authoring/checkScenarioModel.ts';
import { DEFAULT_BOUNDS } from '../authoring/exploreScenario.ts';
import { loadScenarioFile, parseScenario } from '../scenario/loadScenario.ts';
import { CYBER_EUROPE_SIZE, generateLargeScenario } from './generateLargeScenario.ts';
import { medianMs, round, type Figure } from './measure.ts';

/** Time to check (`simcell check`) the largest bundled scenario and a generated Cyber-Europe-size one, within the default bound. */
export async function checkBench(quick: boolean, scenariosDir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const bundled: LoadedScenario[] = [];
  for (const file of readdirSync(scenariosDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const loaded = await loadScenarioFile(join(scenariosDir, file));
    if (loaded.ok) bundled.push(loaded);
  }
  const largest = bundled.sort((a, b) => b.scenario.injects.length - a.scenario.injects.length)[0];
  if (largest) {
    let result: ModelCheck | undefined;
    const ms = medianMs(quick ? 1 : 5, () => (result = checkScenarioModel(largest)));
    figures.push({
      figure: 'check.largest-bundled.wall',
      value: round(ms, 0),
      unit: 'ms',
      scenario: largest.scenario.id,
      injects: largest.scenario.injects.length,
      ...details(result!),
    });
  }

  const size = quick ? { ...CYBER_EUROPE_SIZE, injects: 7_000 } : CYBER_EUROPE_SIZE;
  const generated = parseScenario(stringify(generateLargeScenario(size)), 'generated.yaml');
  if (!generated.ok) throw new Error('the generated scenario does not validate');
  let result: ModelCheck | undefined;
  const ms = medianMs(1, () => (result = checkScenarioModel(generated)));
  figures.push({
    figure: 'check.cyber-europe-size.wall',
    value: round(ms / 1000, 2),
    unit: 's',
    injects: generated.scenario.injects.length,
    organisations: generated.scenario.organisations.length,
    ...details(result!),
  });
  return figures;
}

function details(result: ModelCheck) {
  return {
    paths: result.exploration?.paths ?? 0,
    states: result.exploration?.states ?? 0,
    stop: result.exploration?.stop ?? 'not explored',
    problems: result.problems.length,
    bound: `${DEFAULT_BOUNDS.maxPaths} paths, ${DEFAULT_BOUNDS.maxStates} states`,
  };
}
