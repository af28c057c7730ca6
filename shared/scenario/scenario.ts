import type { Channel } from './scenarioSchema.ts';
import type { Condition } from './conditionSchema.ts';
import type { TlpLabel } from './tlp.ts';

/**
 * A scenario after it was validated and normalised: texts in every declared language, durations in
 * seconds, TLP labels canonical, `all` expanded, injects in one list. This is what the engine compiles
 * and what clients display.
 */
export type LocalText = Readonly<Record<string, string>>;
export type OrganisationKind = 'public' | 'private' | 'military' | 'international';

export interface Seat {
  readonly id: string;
  readonly name: LocalText;
}

export interface Organisation {
  readonly id: string;
  readonly name: LocalText;
  readonly kind: OrganisationKind;
  readonly sector: string;
  readonly simulated: boolean;
  readonly description?: LocalText;
  readonly seats: readonly Seat[];
}

export interface Persona {
  readonly id: string;
  readonly name: LocalText;
  readonly role?: LocalText;
  readonly organisation?: string;
}

export interface Indicator {
  readonly id: string;
  readonly label: LocalText;
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  readonly public: boolean;
  readonly unit?: string;
}

export interface EscalationLevel {
  readonly id: string;
  readonly label: LocalText;
}

export type InjectTrigger =
  | { readonly kind: 'at'; readonly seconds: number }
  | { readonly kind: 'on'; readonly action: string; readonly by?: string; readonly delaySeconds: number }
  | { readonly kind: 'when'; readonly condition: Condition };

export interface Expectation {
  readonly action: string;
  readonly by: readonly string[];
  readonly withinSeconds: number;
  readonly objective: string;
  /** [X3] seconds after delivery at which SimCell answers for a simulated organisation, or Control plays it. */
  readonly auto?: number | 'control';
}

export interface Inject {
  readonly id: string;
  /** The phase whose `injects` hold it; undefined for the timeline [J3]. */
  readonly phase?: string;
  readonly trigger: InjectTrigger;
  readonly channel: Channel;
  readonly from: string;
  /** Recipients: organisation ids and `organisation/seat` addresses; `all` already expanded [J7]. */
  readonly to: readonly string[];
  readonly toAll: boolean;
  readonly tlp: TlpLabel;
  readonly title: LocalText;
  readonly body: LocalText;
  readonly expects: readonly Expectation[];
  /** [J11] applied when it is delivered. */
  readonly effects?: Effects;
}

export interface Effects {
  readonly indicators: Readonly<Record<string, number>>;
  readonly escalation?: string;
}

export interface PhaseTransition {
  readonly goto: string;
  readonly if?: Condition;
}

export interface Phase {
  readonly id: string;
  readonly title: LocalText;
  readonly description?: LocalText;
  readonly escalation?: string;
  /** [P5] indicator changes on entry. */
  readonly effects?: { readonly indicators: Readonly<Record<string, number>> };
  readonly on: readonly (PhaseTransition & { readonly action: string })[];
  readonly after: readonly (PhaseTransition & { readonly seconds: number })[];
  readonly when: readonly (PhaseTransition & { readonly if: Condition })[];
  readonly end: boolean;
}

export interface Action {
  readonly id: string;
  readonly label: LocalText;
  readonly description?: LocalText;
  /** Organisations that may take it, `all` expanded. */
  readonly by: readonly string[];
  /** Phases in which it is open; undefined: every phase. */
  readonly phases?: readonly string[];
  readonly when?: Condition;
  readonly once: 'organisation' | 'exercise' | 'never';
  readonly report: boolean;
  readonly effects: Effects;
}

export interface Objective {
  readonly id: string;
  readonly text: LocalText;
  readonly requires?: Condition;
}

export interface Scenario {
  readonly id: string;
  readonly title: LocalText;
  readonly summary: LocalText;
  readonly languages: readonly string[];
  readonly audience: 'national' | 'sector' | 'classroom';
  readonly durationSeconds: number;
  readonly start: string;
  readonly author?: string;
  readonly organisations: readonly Organisation[];
  readonly personas: readonly Persona[];
  readonly indicators: readonly Indicator[];
  readonly escalation: { readonly initial: string; readonly levels: readonly EscalationLevel[] };
  /** Every inject: the timeline's first, then each phase's, in file order [J10]. */
  readonly injects: readonly Inject[];
  readonly phases: readonly Phase[];
  readonly actions: readonly Action[];
  readonly objectives: readonly Objective[];
}
