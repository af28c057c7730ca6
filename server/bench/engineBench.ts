import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { compileScenario } from '../engine/compileScenario.ts';
import { loadScenarioFile, parseScenario } from '../scenario/loadScenario.ts';
import { simulateExercise } from '../simulate/simulateExercise.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { CYBER_EUROPE_SIZE, generateLargeScenario, type LargeScenarioSize } from './generateLargeScenario.ts';
import { medianMs, round, type Figure } from './measure.ts';

/** Simulate speed for the largest bundled scenario and for a generated Cyber-Europe-size one. */
export async function engineBench(quick: boolean, scenariosDir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const bundled: Scenario[] = [];
  for (const file of readdirSync(scenariosDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const loaded = await loadScenarioFile(join(scenariosDir, file));
    if (loaded.ok) bundled.push(loaded.scenario);
  }
  const largest = bundled.sort((a, b) => b.injects.length - a.injects.length)[0];
  if (largest) {
    const compiled = compileScenario(largest);
    const ms = medianMs(quick ? 5 : 20, () => simulateExercise(compiled, { seed: 1, policy: 'expected' }));
    figures.push({
      figure: 'simulate.largest-bundled.speed',
      value: round(largest.durationSeconds / 3600 / (ms / 1000), 0),
      unit: 'exercise-hours/wall-second',
      scenario: largest.id,
      injects: largest.injects.length,
      wallMs: round(ms),
    });
  }

  const size: LargeScenarioSize = quick ? { ...CYBER_EUROPE_SIZE, injects: 7_000 } : CYBER_EUROPE_SIZE;
  const yamlText = stringify(generateLargeScenario(size));
  let parsed: ReturnType<typeof parseScenario> | undefined;
  const loadMs = medianMs(quick ? 1 : 3, () => {
    parsed = parseScenario(yamlText, 'generated.yaml');
  });
  if (!parsed?.ok) throw new Error('the generated scenario does not validate');
  const scenario = parsed.scenario;
  figures.push({
    figure: 'validate.cyber-europe-size',
    value: round(loadMs, 0),
    unit: 'ms',
    injects: scenario.injects.length,
    yamlBytes: yamlText.length,
  });
  for (const policy of ['expected', 'random'] as const) {
    let deliveries = 0;
    const ms = medianMs(quick ? 1 : 3, () => {
      deliveries = simulateExercise(compileScenario(scenario), { seed: 1, policy }).deliveries.length;
    });
    figures.push({
      figure: `simulate.cyber-europe-size.${policy}.wall`,
      value: round(ms / 1000, 3),
      unit: 's',
      goal: '< 2 s',
      injects: scenario.injects.length,
      deliveries,
      organisations: scenario.organisations.length,
      seats: scenario.organisations.reduce((n, o) => n + o.seats.length, 0),
    });
    figures.push({
      figure: `simulate.cyber-europe-size.${policy}.speed`,
      value: round(size.hours / (ms / 1000), 0),
      unit: 'exercise-hours/wall-second',
    });
  }
  return figures;
}
