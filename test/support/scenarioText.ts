import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileScenario } from '../../server/engine/compileScenario.ts';
import { ExerciseEngine, type EngineOptions } from '../../server/engine/exerciseEngine.ts';
import { parseScenario } from '../../server/scenario/loadScenario.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';

export const FIXTURE = fileURLToPath(new URL('../fixtures/two-banks.yaml', import.meta.url));
export const fixtureText = (): string => readFileSync(FIXTURE, 'utf8');

/** Parses YAML that the test expects to be valid, failing with the problems otherwise. */
export function scenarioFrom(text: string, file = 'test.yaml'): Scenario {
  const result = parseScenario(text, file);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return result.scenario;
}

/** The fixture with one substitution, for tests of a single rule. */
export function fixtureWith(find: string | RegExp, replace: string): string {
  const text = fixtureText();
  const changed = text.replace(find, replace);
  if (changed === text) throw new Error(`fixture does not contain ${String(find)}`);
  return changed;
}

export function engineFor(text: string, options?: EngineOptions): ExerciseEngine {
  return new ExerciseEngine(compileScenario(scenarioFrom(text)), options);
}

export const MINUTE = 60_000;
export const minutes = (n: number): number => n * MINUTE;
