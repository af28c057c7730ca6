import { stringify } from 'yaml';
import type { ScenarioInput } from '../../shared/scenario/scenarioSchema.ts';

export const FANOUT_SCENARIO_ID = 'fanout-bench';

/**
 * The fan-out benchmark's scenario: `organisations` played organisations, one phase, no scheduled injects (only
 * Control's ad-hoc ones go out) and a long duration, so nothing but the measured injects happens.
 */
export function fanoutScenarioYaml(organisations: number): string {
  const scenario: ScenarioInput = {
    id: FANOUT_SCENARIO_ID,
    title: { en: 'Fan-out benchmark' },
    summary: { en: 'Generated for npm run bench: Control sends ad-hoc injects to every organisation.' },
    languages: ['en'],
    duration: 'PT48H',
    organisations: Array.from({ length: organisations }, (_, i) => ({
      id: `org-${i}`,
      name: { en: `Organisation ${i}` },
      kind: 'private' as const,
      sector: 'finance',
    })),
    phases: { only: { title: { en: 'Only' } } },
  };
  return stringify(scenario);
}

export function fanoutOrganisationIds(organisations: number): string[] {
  return Array.from({ length: organisations }, (_, i) => `org-${i}`);
}
