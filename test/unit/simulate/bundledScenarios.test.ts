import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../server/scenario/loadScenario.ts';
import { formatProblem } from '../../../server/scenario/scenarioProblem.ts';
import { POLICIES } from '../../../server/simulate/playerPolicy.ts';
import { simulateExercise } from '../../../server/simulate/simulateExercise.ts';

const folder = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the bundled scenario library', () => {
  it('has the six scenarios the project promises', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'botnet-banking.yaml',
        'classroom-phishing.yaml',
        'poisoned-water.yaml',
        'rogue-certificates.yaml',
        'router-worm.yaml',
        'state-espionage.yaml',
      ]),
    );
  });

  describe.each(files)('%s', (file) => {
    it('validates', async () => {
      const result = await loadScenarioFile(folder + file);
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    });

    it('is as rich as a national exercise needs (or a classroom drill)', async () => {
      const result = await loadScenarioFile(folder + file);
      if (!result.ok) throw new Error('invalid');
      const s = result.scenario;
      expect(s.languages).toEqual(['en', 'nl']);
      expect(s.objectives.length).toBeGreaterThanOrEqual(3);
      expect(s.phases.length).toBeGreaterThanOrEqual(3);
      expect(s.phases.some((p) => p.end)).toBe(true);
      if (s.audience === 'classroom') {
        expect(s.durationSeconds).toBeLessThanOrEqual(45 * 60);
        expect(s.injects.length).toBeGreaterThanOrEqual(10);
      } else {
        expect(s.organisations.length).toBeGreaterThanOrEqual(6);
        expect(s.organisations.some((o) => o.simulated)).toBe(true);
        expect(new Set(s.organisations.map((o) => o.kind)).size).toBeGreaterThanOrEqual(2);
        expect(s.injects.length).toBeGreaterThanOrEqual(25);
        const levels = s.escalation.levels.map((l) => l.id);
        const highest = Math.max(
          ...s.phases.map((p) => (p.escalation ? levels.indexOf(p.escalation) : 0)),
          ...s.actions.map((a) => (a.effects.escalation ? levels.indexOf(a.effects.escalation) : 0)),
        );
        expect(highest).toBeGreaterThanOrEqual(levels.length - 2); // a response board or a national crisis
      }
    });

    it.each(POLICIES)('runs to its end under the %s policy', async (policy) => {
      const result = await loadScenarioFile(folder + file);
      if (!result.ok) throw new Error('invalid');
      const report = simulateExercise(result.scenario, { seed: 7, policy });
      expect(report.ended).not.toBeNull();
      expect(report.durationSeconds).toBeLessThanOrEqual(result.scenario.durationSeconds);
      expect(report.deliveries.length).toBeGreaterThan(0);
    });
  });
});
