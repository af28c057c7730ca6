import type { Scenario } from '../../shared/scenario/scenario.ts';
import { effectSources, type Coverage } from './coverage.ts';
import type { Finding } from './finding.ts';
import type { ScenarioLocations } from './scenarioLocations.ts';

/**
 * [K6] Indicator effects pushed outside their bounds. Clamping at a bound is normal [I2] — a restoration on top
 * of a full recovery — so the check reports the pushes that make an effect meaningless: a delta larger than
 * the indicator's whole range, and an effect that changes nothing on every explored path that applies it,
 * because the indicator always sits at the bound it pushes towards.
 */
export function indicatorFindings(scenario: Scenario, coverage: Coverage | undefined, where: ScenarioLocations): Finding[] {
  const findings: Finding[] = [];
  const bounds = new Map(scenario.indicators.map((i) => [i.id, i]));
  const sign = (delta: number) => (delta > 0 ? `+${delta}` : `${delta}`);
  for (const [source, deltas] of effectSources(scenario)) {
    for (const [id, delta] of Object.entries(deltas)) {
      const indicator = bounds.get(id);
      if (!indicator || delta === 0) continue;
      const range = indicator.max - indicator.min;
      if (Math.abs(delta) > range) {
        findings.push({
          where: where.effect(source, id),
          message: `${sign(delta)} on "${id}" is more than its whole range (${indicator.min} to ${indicator.max}): it always pushes the indicator past its ${delta > 0 ? 'max' : 'min'} [K6]`,
          hint: `a delta between ${-range} and ${range} keeps its size meaningful; to pin it, ${delta > 0 ? `+${range}` : `-${range}`} does the same`,
        });
        continue;
      }
      const record = coverage?.effects.get(`${source.kind}:${source.id}:${id}`);
      if (!record || record.applied === 0 || record.changed > 0) continue;
      const bound = delta > 0 ? 'max' : 'min';
      findings.push({
        where: where.effect(source, id),
        message: `${sign(delta)} on "${id}" never changes it: wherever it applies, ${id} is already at its ${bound} (${indicator[bound]}) and the push past it is clamped away [K6][I2]`,
        hint: `${delta > 0 ? 'lower' : 'raise'} ${id} before this effect, move its ${bound}, or remove the effect`,
      });
    }
  }
  return findings;
}
