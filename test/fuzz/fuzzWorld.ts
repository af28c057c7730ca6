import type { Role } from '../../shared/protocol/roles.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';

/**
 * What the message generator knows: the seat it speaks for and the ids the scenario offers. Valid material
 * that only some may see carries leak tokens, so a test can prove on the wire that it reached nobody else.
 */
export interface FuzzSeat {
  readonly role: Role;
  /** The seat's organisation as the server assigned it (participants only). */
  readonly organisation: string | null;
}

export interface FuzzWorld {
  readonly organisations: readonly string[];
  readonly seats: readonly string[];
  readonly personas: readonly string[];
  readonly injects: readonly string[];
  readonly actions: readonly { readonly id: string; readonly by: readonly string[] }[];
  readonly phases: readonly string[];
  readonly indicators: readonly string[];
  readonly levels: readonly string[];
  readonly objectives: readonly string[];
  readonly languages: readonly string[];
}

/** Appears only in material the organisation may not see. */
export const notFor = (organisation: string): string => `[NOT-FOR:${organisation}]`;
/** Appears only in what the staff alone may see (observations). */
export const STAFF_ONLY_TOKEN = '[STAFF-ONLY]';

export function worldOf(scenario: Scenario): FuzzWorld {
  return {
    organisations: scenario.organisations.map((o) => o.id),
    seats: scenario.organisations.flatMap((o) => o.seats.map((s) => `${o.id}/${s.id}`)),
    personas: scenario.personas.map((p) => p.id),
    injects: scenario.injects.map((i) => i.id),
    actions: scenario.actions.map((a) => ({ id: a.id, by: a.by })),
    phases: scenario.phases.map((p) => p.id),
    indicators: scenario.indicators.map((i) => i.id),
    levels: scenario.escalation.levels.map((l) => l.id),
    objectives: scenario.objectives.map((o) => o.id),
    languages: scenario.languages,
  };
}
