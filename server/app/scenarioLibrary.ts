import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import type { Logger } from './logger.ts';

/** The scenarios an operator can start: every valid file in the scenarios folder, by id. */
export class ScenarioLibrary {
  private constructor(private readonly byId: ReadonlyMap<string, { scenario: Scenario; source: string }>) {}

  static async load(dir: string, logger: Logger): Promise<ScenarioLibrary> {
    const byId = new Map<string, { scenario: Scenario; source: string }>();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
    for (const file of files) {
      const result = await loadScenarioFile(join(dir, file));
      if (result.ok) byId.set(result.scenario.id, { scenario: result.scenario, source: result.source });
      else logger.warn('scenario.invalid', { file, problems: result.problems.map(formatProblem) });
    }
    return new ScenarioLibrary(byId);
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id)?.scenario;
  }

  /** The file's text, kept with every exercise started from it. */
  source(id: string): string | undefined {
    return this.byId.get(id)?.source;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  all(): Scenario[] {
    return [...this.byId.values()].map((entry) => entry.scenario);
  }
}
