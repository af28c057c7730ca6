import { compileScenario } from '../engine/compileScenario.ts';
import type { LoadResult } from '../scenario/loadScenario.ts';
import { sortProblems, type ScenarioProblem } from '../scenario/scenarioProblem.ts';
import { DEFAULT_BOUNDS, exploreScenario, type Exploration, type ExplorationBounds } from './exploreScenario.ts';
import type { Finding } from './finding.ts';
import { indicatorFindings } from './indicatorFindings.ts';
import { noEndFinding, phaseGraphFindings } from './phaseGraphFindings.ts';
import { reachFindings } from './reachFindings.ts';
import { ScenarioLocations } from './scenarioLocations.ts';

export type LoadedScenario = Extract<LoadResult, { ok: true }>;

export interface ModelCheck {
  readonly problems: readonly ScenarioProblem[];
  /** What the search did; undefined when the file did not validate. */
  readonly exploration?: Exploration;
}

/**
 * `simcell check` for one valid scenario [K1–K6]: the findings that need no search (no end phase, a delta
 * larger than its indicator's range), then a bounded search of the compiled machine over
 * players' decisions and what it never reached. Problems carry file, line, column and a hint [F7].
 */
export function checkScenarioModel(loaded: LoadedScenario, bounds: ExplorationBounds = DEFAULT_BOUNDS): ModelCheck {
  const { scenario, file, locate, source } = loaded;
  const where = new ScenarioLocations(scenario, source);
  const findings: Finding[] = [];
  const noEnd = noEndFinding(scenario, where);
  if (noEnd) findings.push(noEnd);
  // A `when` loop, from which the engine would not come back, cannot get here: validation refuses it [P9].
  const exploration = exploreScenario(compileScenario(scenario), bounds);
  const coverage = exploration.coverage;
  findings.push(...reachFindings(scenario, coverage, where), ...phaseGraphFindings(scenario, coverage, where));
  findings.push(...indicatorFindings(scenario, coverage, where));
  const problems = findings.map((f) => ({ file, ...locate(f.where.path, f.where.atKey), message: f.message, hint: f.hint }));
  return { problems: sortProblems(problems), exploration };
}
