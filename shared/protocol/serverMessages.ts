import type { DebriefRecord } from './evaluation.ts';
import type { Channel } from '../scenario/scenarioSchema.ts';
import type { DryRun } from './dryRun.ts';
import type { TlpLabel } from '../scenario/tlp.ts';
import type { ErrorCode } from './errorCodes.ts';
import type { Role } from './roles.ts';

/**
 * What the room sends besides state patches. Injects, messages and log entries are messages, sent only to
 * the connections allowed to see them: a participant's connection never carries another organisation's
 * private material. State patches carry the slowly changing situation (clock, indicators, escalation,
 * open decisions).
 */
export type LocalText = Record<string, string>;

export interface InjectView {
  readonly id: string;
  readonly atMs: number;
  readonly channel: Channel;
  readonly from: string;
  readonly fromName: LocalText;
  /** Organisation ids and `organisation/seat` addresses. */
  readonly to: readonly string[];
  readonly tlp: TlpLabel;
  readonly title: LocalText;
  readonly body: LocalText;
  /** [J9] news or social, TLP:CLEAR. */
  readonly public: boolean;
  readonly adhoc: boolean;
  /** Only for Control, evaluators and observers: who should do what by when. */
  readonly expects?: readonly {
    readonly action: string;
    readonly by: readonly string[];
    readonly withinSeconds: number;
    readonly objective: string;
  }[];
}

export interface MessageView {
  readonly id: string;
  readonly atMs: number;
  readonly from: string;
  /** The person who wrote it (a participant's name, or "Exercise Control"). */
  readonly author: string;
  readonly to: readonly string[];
  readonly tlp: TlpLabel;
  readonly subject: string;
  readonly body: string;
  readonly forwarded?: {
    readonly kind: 'inject' | 'message';
    readonly id: string;
    readonly title: string;
    readonly body: string;
    readonly from: string;
    readonly tlp: TlpLabel;
  };
  /** Control spoke for a simulated organisation. */
  readonly simulated: boolean;
}

export type LogKind = 'log' | 'sitrep' | 'action' | 'acknowledge' | 'observation' | 'rating' | 'hotwash' | 'report';

export interface LogEntryView {
  readonly id: string;
  readonly atMs: number;
  readonly organisation: string | null;
  readonly author: string;
  readonly kind: LogKind;
  readonly text: string;
  readonly action?: string;
  readonly inject?: string;
  readonly objective?: string;
  /** Ratings, hot-wash answers and report edits, for staff screens (shared/protocol/evaluation.ts). */
  readonly debrief?: DebriefRecord;
}

export interface SeatInfo {
  readonly role: Role;
  readonly organisation: string | null;
  readonly seat: string | null;
  readonly name: string;
  readonly participantId: string;
}

export interface ServerMessages {
  /** Right after joining: who you are and everything your seat may see so far. */
  welcome: {
    seat: SeatInfo;
    injects: InjectView[];
    messages: MessageView[];
    logs: LogEntryView[];
    scenario: ScenarioSummaryView;
    /** For Control, evaluators and observers of a dry-run: the automatic players' policy and seed. */
    dryRun?: DryRun;
  };
  inject: InjectView;
  message: MessageView;
  log: LogEntryView;
  accepted: { ref?: string; type: string; seq: number };
  rejected: { ref?: string; type: string; code: ErrorCode; message: string };
}

/** The parts of the scenario every seat may know: who is at the table, what can be measured. */
export interface ScenarioSummaryView {
  readonly id: string;
  readonly title: LocalText;
  readonly languages: readonly string[];
  readonly personas: readonly { readonly id: string; readonly name: LocalText; readonly organisation?: string }[];
  /** For Control, evaluators and observers only: what they jump to, judge and take for others. */
  readonly staff?: {
    readonly phases: readonly { readonly id: string; readonly title: LocalText }[];
    readonly objectives: readonly { readonly id: string; readonly text: LocalText }[];
    readonly actions: readonly {
      readonly id: string;
      readonly label: LocalText;
      readonly by: readonly string[];
      readonly report: boolean;
    }[];
  };
}
