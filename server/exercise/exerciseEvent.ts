import { z } from 'zod';
import { CHANNELS } from '../../shared/scenario/scenarioSchema.ts';
import { TLP_LABELS } from '../../shared/scenario/tlp.ts';
import { ROLES } from '../../shared/protocol/roles.ts';
import { PlanItemSchema, RATINGS } from '../../shared/protocol/evaluation.ts';

/**
 * What the event log stores: every accepted intent, and every moment time passing changed the exercise.
 * An exercise's state is the replay of its scenario and these events [invariant: the event log is the
 * truth]. Validated with zod because archives come back from outside (import).
 */
const Id = z.string().min(1).max(80);
const LocalText = z.record(z.string(), z.string());
const Tlp = z.enum(TLP_LABELS);

export const EventBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exercise.started') }),
  z.object({ type: z.literal('time.advanced') }),
  z.object({ type: z.literal('clock.paused') }),
  z.object({ type: z.literal('clock.resumed') }),
  z.object({ type: z.literal('clock.speed'), speed: z.number() }),
  z.object({
    type: z.literal('action.taken'),
    action: Id,
    organisation: Id,
    seat: Id.optional(),
    text: z.string().optional(),
    byControl: z.boolean(),
  }),
  z.object({ type: z.literal('inject.acknowledged'), inject: Id, organisation: Id }),
  z.object({
    type: z.literal('message.sent'),
    from: Id,
    to: z.array(Id),
    tlp: Tlp,
    subject: z.string(),
    body: z.string(),
    forward: z.object({ kind: z.enum(['inject', 'message']), id: Id }).optional(),
    simulated: z.boolean(),
  }),
  z.object({ type: z.literal('log.written'), organisation: Id, kind: z.enum(['log', 'sitrep']), text: z.string() }),
  z.object({ type: z.literal('control.fireNext') }),
  z.object({
    type: z.literal('control.adhoc'),
    inject: z.object({ channel: z.enum(CHANNELS), from: Id, to: z.array(Id), tlp: Tlp, title: LocalText, body: LocalText }),
  }),
  z.object({ type: z.literal('control.indicator'), indicator: Id, value: z.number() }),
  z.object({ type: z.literal('control.escalation'), level: Id }),
  z.object({ type: z.literal('control.goto'), phase: Id }),
  z.object({ type: z.literal('control.end') }),
  /** A class-code student was placed in an organisation: kept, so the same name finds it again after a restart. */
  z.object({ type: z.literal('seat.assigned'), name: z.string().min(1).max(60), organisation: Id }),
  /** The code itself is not logged: archives and event lists never carry join codes. */
  z.object({ type: z.literal('code.reissued'), seat: Id }),
  z.object({
    type: z.literal('observation.recorded'),
    text: z.string(),
    inject: Id.optional(),
    organisation: Id.optional(),
    objective: Id.optional(),
  }),
  /** An evaluator's (or Control's) rating of an objective, as in the HSEEP after-action report. The latest per rater counts. */
  z.object({
    type: z.literal('objective.rated'),
    objective: Id,
    rating: z.enum(RATINGS),
    strengths: z.string(),
    improvements: z.string(),
  }),
  /** A participant's hot-wash answers at the end; the latest per participant counts. */
  z.object({ type: z.literal('hotwash.submitted'), organisation: Id, wentWell: z.string(), toImprove: z.string() }),
  /** Control's executive summary for the after-action report; the latest counts. */
  z.object({ type: z.literal('report.summaryWritten'), text: z.string() }),
  /** Control adds or edits one row of the improvement plan (same id: replaced). */
  z.object({ type: z.literal('report.planItemSet'), item: PlanItemSchema }),
  z.object({ type: z.literal('report.planItemRemoved'), id: Id }),
  /** Control opens (or closes) the report to anyone holding its link. */
  z.object({ type: z.literal('report.published'), published: z.boolean() }),
]);
export type EventBody = z.infer<typeof EventBodySchema>;

export const ActorSchema = z.object({
  role: z.enum([...ROLES, 'system']),
  participantId: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { role: 'system', participantId: 'system', name: 'SimCell', organisation: null };

/** An event before the store has numbered it. */
export interface NewEvent {
  readonly atMs: number;
  readonly wallMs: number;
  readonly actor: Actor;
  readonly body: EventBody;
}

export const StoredEventSchema = z.object({
  seq: z.number().int().positive(),
  atMs: z.number(),
  wallMs: z.number(),
  actor: ActorSchema,
  body: EventBodySchema,
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;
