import { describe, expect, it } from 'vitest';
import { simulateExercise } from '../../../server/simulate/simulateExercise.ts';
import { POLICIES } from '../../../server/simulate/playerPolicy.ts';
import { fixtureText, scenarioFrom } from '../../support/scenarioText.ts';

describe('simulate', () => {
  const scenario = scenarioFrom(fixtureText());

  it('[D3] the same arguments give byte-identical reports', () => {
    for (const policy of POLICIES) {
      const a = JSON.stringify(simulateExercise(scenario, { seed: 42, policy }));
      const b = JSON.stringify(simulateExercise(scenario, { seed: 42, policy }));
      expect(a).toBe(b);
    }
  });

  it('[D2] `none`: nobody acts but simulated organisations, and the exercise runs to its duration', () => {
    const report = simulateExercise(scenario, { seed: 1, policy: 'none' });
    expect(report.actions.every((a) => a.simulated)).toBe(true);
    expect(report.actions.map((a) => a.by)).toEqual(['isp']);
    expect(report.ended).toEqual({ reason: 'duration', atSeconds: 4 * 3600 });
    expect(report.objectives.find((o) => o.id === 'early-warning')?.met).toBe(false);
  });

  it('[D2] `expected`: each expectation is met one tenth into its window, at least a minute after delivery', () => {
    const report = simulateExercise(scenario, { seed: 1, policy: 'expected' });
    const alert = report.deliveries.find((d) => d.inject === 'traffic-alert')!;
    const answer = report.actions.find((a) => a.action === 'report-ncsc' && a.by === 'bank-a')!;
    expect(answer.atSeconds - alert.atSeconds).toBe(180); // a tenth of 30 minutes
    expect(report.expectations.every((e) => e.status === 'met')).toBe(true);
    expect(report.objectives.find((o) => o.id === 'early-warning')?.met).toBe(true);
  });

  it('[D2] `random`: different seeds take different paths, each one reproducible', () => {
    const paths = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(simulateExercise(scenario, { seed, policy: 'random' }).actions)),
    );
    expect(paths.size).toBeGreaterThan(1);
  });

  it('reports the fields the CLI promises', () => {
    const report = simulateExercise(scenario, { seed: 3, policy: 'expected' });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'scenario',
        'seed',
        'policy',
        'durationSeconds',
        'organisations',
        'deliveries',
        'actions',
        'phases',
        'indicators',
        'objectives',
      ]),
    );
    expect(report.organisations[3]).toEqual({ id: 'isp', kind: 'private', simulated: true });
    expect(report.deliveries[0]).toEqual({
      inject: 'traffic-alert',
      atSeconds: 600,
      to: ['bank-a'],
      channel: 'alert',
      tlp: 'TLP:AMBER',
      title: { en: 'Traffic spike', nl: 'Verkeerspiek' },
    });
    expect(report.phases[0]).toEqual({ phase: 'attack', atSeconds: 0 });
  });
});
