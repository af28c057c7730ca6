import { z } from 'zod';
import { CHANNELS } from '../scenario/scenarioSchema.ts';
import { TLP_LABELS } from '../scenario/tlp.ts';
import type { Role } from './roles.ts';
import { PlanItemSchema, RATINGS } from './evaluation.ts';

/**
 * What clients may ask of the room: one Colyseus message type per intent, each payload validated with its
 * schema where it enters the room, each allowed to some roles only. A `ref` of the client's choosing comes
 * back in the `accepted` or `rejected` reply.
 */
const Ref = z.string().max(64).optional();
const Id = z.string().min(1).max(80);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Tlp = z.enum(TLP_LABELS);
const LocalText = z.record(z.string().regex(/^[a-z]{2}$/), z.string().max(4000));

export const INTENT_SCHEMAS = {
  /** Any seat: send me my `welcome` again (who I am and all I may see so far). */
  sync: z.strictObject({ ref: Ref }),
  // participants
  acknowledge: z.strictObject({ ref: Ref, inject: Id }),
  act: z.strictObject({ ref: Ref, action: Id, text: z.string().max(8000).optional() }),
  'message.send': z.strictObject({
    ref: Ref,
    to: z.array(Id).min(1).max(200),
    tlp: Tlp,
    subject: Text(200),
    body: z.string().max(8000),
    /** Forward an inject or a message this seat can see; its label limits who may get it [M3]. */
    forward: z.strictObject({ kind: z.enum(['inject', 'message']), id: Id }).optional(),
    /** Control only: speak for a simulated organisation. */
    as: Id.optional(),
  }),
  'log.write': z.strictObject({ ref: Ref, kind: z.enum(['log', 'sitrep']), text: Text(8000) }),
  // Exercise Control
  'control.start': z.strictObject({ ref: Ref }),
  'control.pause': z.strictObject({ ref: Ref }),
  'control.resume': z.strictObject({ ref: Ref }),
  'control.speed': z.strictObject({ ref: Ref, speed: z.number().min(1).max(3600) }),
  'control.fireNext': z.strictObject({ ref: Ref }),
  'control.adhoc': z.strictObject({
    ref: Ref,
    channel: z.enum(CHANNELS),
    from: Id,
    to: z.array(Id).min(1).max(200),
    tlp: Tlp,
    title: LocalText,
    body: LocalText,
  }),
  'control.indicator': z.strictObject({ ref: Ref, indicator: Id, value: z.number().finite() }),
  'control.escalation': z.strictObject({ ref: Ref, level: Id }),
  'control.goto': z.strictObject({ ref: Ref, phase: Id }),
  'control.end': z.strictObject({ ref: Ref }),
  /** Control revokes a seat's join code and issues a new one: `control`, `evaluator`, `observer`, `screen`, `class` or an organisation id. */
  'control.reissueCode': z.strictObject({ ref: Ref, seat: Id }),
  /** Control takes an action for a simulated organisation [O1]. */
  'control.actAs': z.strictObject({ ref: Ref, organisation: Id, action: Id, text: z.string().max(8000).optional() }),
  // evaluators
  'observation.record': z.strictObject({
    ref: Ref,
    text: Text(8000),
    inject: Id.optional(),
    organisation: Id.optional(),
    objective: Id.optional(),
  }),
  /** Rate an objective P/S/M/U, with strengths and areas for improvement; may be repeated (the latest counts). */
  'objective.rate': z.strictObject({
    ref: Ref,
    objective: Id,
    rating: z.enum(RATINGS),
    strengths: z.string().trim().max(8000).default(''),
    improvements: z.string().trim().max(8000).default(''),
  }),
  // the debrief
  /** A participant's hot wash, once the exercise has ended. */
  'hotwash.submit': z.strictObject({ ref: Ref, wentWell: z.string().trim().max(4000), toImprove: z.string().trim().max(4000) }),
  'report.summary': z.strictObject({
    ref: Ref,
    text: z
      .string()
      .trim()
      .max(16000 - 200),
  }),
  'report.planItem': z.strictObject({ ref: Ref, item: PlanItemSchema }),
  'report.planItemRemove': z.strictObject({ ref: Ref, id: Id }),
  'report.publish': z.strictObject({ ref: Ref, published: z.boolean() }),
} as const;

export type IntentType = keyof typeof INTENT_SCHEMAS;
export type Intent<T extends IntentType> = z.infer<(typeof INTENT_SCHEMAS)[T]>;

export const INTENT_ROLES: Readonly<Record<IntentType, readonly Role[]>> = {
  sync: ['control', 'evaluator', 'observer', 'participant', 'screen'],
  acknowledge: ['participant'],
  act: ['participant'],
  'message.send': ['participant', 'control'],
  'log.write': ['participant'],
  'control.start': ['control'],
  'control.pause': ['control'],
  'control.resume': ['control'],
  'control.speed': ['control'],
  'control.fireNext': ['control'],
  'control.adhoc': ['control'],
  'control.indicator': ['control'],
  'control.escalation': ['control'],
  'control.goto': ['control'],
  'control.end': ['control'],
  'control.actAs': ['control'],
  'control.reissueCode': ['control'],
  'observation.record': ['evaluator', 'control'],
  'objective.rate': ['evaluator', 'control'],
  'hotwash.submit': ['participant'],
  'report.summary': ['control'],
  'report.planItem': ['control'],
  'report.planItemRemove': ['control'],
  'report.publish': ['control'],
};

export const INTENT_TYPES = Object.keys(INTENT_SCHEMAS) as IntentType[];

/** The largest intent payload the room reads, serialised as JSON. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
/** Sustained messages per second one connection may send before it is refused [flood guard]. */
export const MAX_MESSAGES_PER_SECOND = 20;

/** How a client joins: `client.joinById(roomId, JoinOptions)`. */
export const JoinOptionsSchema = z.strictObject({
  code: z.string().trim().min(4).max(40),
  name: z.string().trim().min(1).max(60),
  /** A seat inside the organisation (`seats` in the scenario), when the scenario has them. */
  seat: Id.optional(),
  /** Dry-runs only: watch the code's organisation as its participants see it; the seat sends nothing but `sync`. */
  watch: z.literal(true).optional(),
});
export type JoinOptions = z.infer<typeof JoinOptionsSchema>;
