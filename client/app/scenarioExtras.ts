import type { ScenarioSummaryView } from '../../shared/protocol/serverMessages.ts';

type Staff = NonNullable<ScenarioSummaryView['staff']>;

/**
 * The parts of the scenario that only staff seats receive (`scenario.staff` in the welcome): phases to jump
 * to, objective texts, action labels. Undefined for other seats, whose screens fall back to ids.
 */
export interface ScenarioExtras {
  readonly phases: Staff['phases'] | undefined;
  readonly objectives: Staff['objectives'] | undefined;
  readonly actions: Staff['actions'] | undefined;
}

export function scenarioExtras(summary: ScenarioSummaryView): ScenarioExtras {
  const staff = summary.staff;
  return { phases: staff?.phases, objectives: staff?.objectives, actions: staff?.actions };
}
