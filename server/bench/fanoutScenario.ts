import { stringify } from 'yaml';
import type { ScenarioInput } from '../../shared/scenario/scenarioSchema.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import { roundTitle } from './fanoutProtocol.ts';

export const FANOUT_SCENARIO_ID = 'fanout-bench';

/** Scheduled injects for the fan-out benchmark: inject k (from 1) is due at k × everySeconds of exercise time. */
export interface FanoutSchedule {
  readonly injects: number;
  readonly everySeconds: number;
  readonly body: string;
}

/**
 * The benchmarks' scenario: `organisations` played organisations, one phase and a long duration. Without a
 * schedule it has no injects (only Control's ad-hoc ones go out); with one, inject k goes to every organisation
 * at k × everySeconds, titled with round number 2k − 1 (the bare room's rounds take the even numbers).
 */
export function fanoutScenarioYaml(organisations: number, schedule?: FanoutSchedule): string {
  const ids = fanoutOrganisationIds(organisations);
  const scenario: ScenarioInput = {
    id: FANOUT_SCENARIO_ID,
    title: { en: 'Fan-out benchmark' },
    summary: { en: 'Generated for npm run bench: injects to every organisation, scheduled or sent by Control.' },
    languages: ['en'],
    duration: 'PT48H',
    organisations: ids.map((id, i) => ({ id, name: { en: `Organisation ${i}` }, kind: 'private' as const, sector: 'finance' })),
    phases: { only: { title: { en: 'Only' } } },
    ...(schedule
      ? {
          timeline: Array.from({ length: schedule.injects }, (_, i) => ({
            id: `fanout-${i + 1}`,
            at: formatDuration((i + 1) * schedule.everySeconds),
            channel: 'email' as const,
            from: ids[0]!,
            to: [...ids], // a copy each: one shared array would be written as YAML aliases
            tlp: 'TLP:GREEN' as const,
            title: roundTitle(2 * (i + 1) - 1),
            body: { en: schedule.body },
          })),
        }
      : {}),
  };
  return stringify(scenario);
}

export function fanoutOrganisationIds(organisations: number): string[] {
  return Array.from({ length: organisations }, (_, i) => `org-${i}`);
}
