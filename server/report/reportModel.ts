import type { PlanItem, Rating } from '../../shared/protocol/evaluation.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import type { LocalText, OrganisationKind } from '../../shared/scenario/scenario.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import type { ExpectationStatus } from '../engine/effects.ts';

/**
 * Everything the after-action report says, built from an exercise archive (buildReport.ts) and rendered
 * by renderReportHtml.ts, reportJson and timelineCsv. Scenario texts stay in every language of the scenario
 * (LocalText); what people wrote during the exercise is a plain string. Times are exercise ms from the start,
 * wall times ISO 8601. The report is for the exercise team: it holds everything, TLP:RED material included.
 */
export const REPORT_FORMAT = 'simcell-report/1';

/** A scenario text in each of its languages, or what a person wrote (one language). */
export type ReportText = string | LocalText;

export interface ReportModel {
  readonly format: typeof REPORT_FORMAT;
  readonly exercise: ExerciseFacts;
  readonly scenario: {
    readonly id: string;
    readonly title: LocalText;
    readonly summary: LocalText;
    readonly languages: readonly string[];
    readonly audience: string;
    readonly author: string | null;
    readonly durationMs: number;
  };
  readonly organisations: readonly ReportOrganisation[];
  readonly summary: AuthoredText | null;
  readonly figures: KeyFigures;
  readonly objectives: readonly ObjectiveAnalysis[];
  readonly observations: readonly ReportObservation[];
  readonly expectations: readonly ScoredExpectation[];
  readonly responseTimes: readonly OrganisationResponse[];
  readonly phases: readonly { readonly id: string; readonly title: LocalText; readonly atMs: number }[];
  readonly indicators: readonly IndicatorSeries[];
  readonly escalation: EscalationSeries;
  readonly timeline: readonly TimelineEntry[];
  readonly hotwash: readonly HotwashAnswer[];
  readonly improvementPlan: readonly PlanItem[];
  /** The most restrictive TLP label in the timeline: the report is shared accordingly. */
  readonly highestTlp: TlpLabel | null;
  readonly published: boolean;
}

export interface ExerciseFacts {
  readonly id: string;
  readonly name: string;
  readonly status: 'ready' | 'running' | 'paused' | 'ended';
  readonly speed: number;
  readonly createdAt: string;
  readonly exportedAt: string;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** Exercise time the report covers: where it ended, or how far it got. */
  readonly exerciseMs: number;
  /** `control`, `duration` or `phase:<id>` while ended, otherwise null. */
  readonly endReason: string | null;
  readonly events: number;
}

export interface ReportOrganisation {
  readonly id: string;
  readonly name: LocalText;
  readonly kind: OrganisationKind;
  readonly sector: string;
  readonly simulated: boolean;
  /** The names of the people who acted, wrote or answered for it, in order of first appearance. */
  readonly participants: readonly string[];
}

export interface AuthoredText {
  readonly text: string;
  readonly author: string;
  readonly wallTime: string;
}

export interface KeyFigures {
  readonly injectsDelivered: number;
  readonly actionsTaken: number;
  readonly messagesSent: number;
  readonly expectations: Readonly<Record<ExpectationStatus, number>>;
  readonly observations: number;
  readonly ratings: number;
  readonly hotwashAnswers: number;
}

export interface RaterRating {
  readonly rater: string;
  readonly role: Role | 'system';
  readonly participantId: string;
  readonly rating: Rating;
  readonly strengths: string;
  readonly improvements: string;
  readonly atMs: number;
  readonly wallTime: string;
}

export interface ObjectiveAnalysis {
  readonly id: string;
  readonly text: LocalText;
  /** The latest rating of every rater, in the order they first rated. */
  readonly ratings: readonly RaterRating[];
  /** See consensusRating.ts; null while nobody rated. */
  readonly consensus: Rating | null;
  /** The engine's own judgement from expectations and `requires` [B1]. */
  readonly automatic: {
    readonly met: boolean;
    readonly expectations: Readonly<Record<ExpectationStatus, number>>;
    readonly requiresHeld: boolean | null;
  };
  readonly observations: readonly ReportObservation[];
}

export interface ReportObservation {
  readonly seq: number;
  readonly atMs: number;
  readonly author: string;
  readonly text: string;
  readonly inject: string | null;
  readonly organisation: string | null;
  readonly objective: string | null;
}

export interface ScoredExpectation {
  readonly id: string;
  readonly inject: string;
  readonly injectTitle: LocalText;
  readonly action: string;
  readonly actionLabel: LocalText;
  readonly organisation: string;
  readonly objective: string;
  readonly deliveredAtMs: number;
  readonly dueAtMs: number;
  readonly status: ExpectationStatus;
  readonly respondedAtMs: number | null;
  /** respondedAt − deliveredAt, for met and late ones. */
  readonly responseMs: number | null;
}

export interface OrganisationResponse {
  readonly organisation: string;
  readonly simulated: boolean;
  readonly counts: Readonly<Record<ExpectationStatus, number>>;
  /** Response times of the answered (met or late) expectations, in delivery order. */
  readonly responseMs: readonly number[];
  readonly medianMs: number | null;
  readonly maxMs: number | null;
  /** First acknowledgements of injects that reached it, and the median time they took. */
  readonly acknowledged: number;
  readonly acknowledgeMedianMs: number | null;
}

export interface IndicatorSeries {
  readonly id: string;
  readonly label: LocalText;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly public: boolean;
  /** The value from each moment it changed; the first point is the initial value at 0. */
  readonly points: readonly { readonly atMs: number; readonly value: number }[];
}

export interface EscalationSeries {
  readonly levels: readonly { readonly id: string; readonly label: LocalText }[];
  readonly points: readonly { readonly atMs: number; readonly level: string }[];
}

export type TimelineKind =
  'phase' | 'escalation' | 'inject' | 'action' | 'message' | 'acknowledgement' | 'log' | 'sitrep' | 'observation' | 'control' | 'end';

export interface TimelineEntry {
  readonly atMs: number;
  /** The stored event that caused it: orders entries at the same time. */
  readonly seq: number;
  readonly kind: TimelineKind;
  /** The organisation that acted, wrote or was reached; null for the exercise as a whole. */
  readonly organisation: string | null;
  readonly from: string | null;
  /** The sender's name when it is a persona or an organisation (injects); messages name `from` by id. */
  readonly fromName: ReportText | null;
  readonly to: readonly string[];
  readonly tlp: TlpLabel | null;
  readonly channel: string | null;
  readonly author: string | null;
  /** The inject, message, action, phase or level id. */
  readonly ref: string | null;
  readonly title: ReportText;
  readonly text: ReportText;
}

export interface HotwashAnswer {
  readonly participant: string;
  readonly organisation: string;
  readonly wentWell: string;
  readonly toImprove: string;
  readonly wallTime: string;
}
