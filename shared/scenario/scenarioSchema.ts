import { z } from 'zod';
import { CHANNELS } from './channels.ts';
import { ConditionSchema } from './conditionSchema.ts';
import { DurationSchema, IdSchema, TextSchema } from './idSchema.ts';

/**
 * The scenario file's schema (docs/scenario-spec.md). Shape only: references between ids, languages and
 * the rules that span the file are checked after it, on the server (server/scenario/checkScenario.ts).
 */
export const ORGANISATION_KINDS = ['public', 'private', 'military', 'international'] as const;
export { CHANNELS, type Channel } from './channels.ts';
export const AUDIENCES = ['national', 'sector', 'classroom'] as const;
export const ONCE_SCOPES = ['organisation', 'exercise', 'never'] as const;

const SeatSchema = z.strictObject({ id: IdSchema, name: TextSchema });

export const OrganisationSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema,
  kind: z.enum(ORGANISATION_KINDS),
  sector: z.string().min(1),
  simulated: z.boolean().default(false),
  description: TextSchema.optional(),
  seats: z.array(SeatSchema).default([]),
});

export const PersonaSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema,
  role: TextSchema.optional(),
  organisation: IdSchema.optional(),
});

export const IndicatorSchema = z.strictObject({
  id: IdSchema,
  label: TextSchema,
  initial: z.number(),
  min: z.number().default(0),
  max: z.number().default(100),
  public: z.boolean().default(true),
  unit: z.string().optional(),
});

export const EscalationSchema = z.strictObject({
  initial: IdSchema.optional(),
  levels: z.array(z.strictObject({ id: IdSchema, label: TextSchema })).min(2),
});

export const ExpectationSchema = z.strictObject({
  action: IdSchema,
  by: z.union([IdSchema, z.array(IdSchema).min(1)]),
  within: DurationSchema,
  objective: IdSchema,
  auto: z.union([z.literal('control'), DurationSchema]).optional(),
});

/** What an inject or a phase does to the situation when it arrives [J11][P5]. */
const EffectsSchema = z.strictObject({
  indicators: z.record(z.string(), z.number()).default({}),
  escalation: IdSchema.optional(),
});

const FollowUpSchema = z.union([IdSchema, z.strictObject({ action: IdSchema, by: IdSchema.optional(), delay: DurationSchema.optional() })]);

export const InjectSchema = z.strictObject({
  id: IdSchema,
  at: DurationSchema.optional(),
  on: FollowUpSchema.optional(),
  when: ConditionSchema.optional(),
  channel: z.enum(CHANNELS),
  from: IdSchema,
  to: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
  tlp: z.string().default('TLP:CLEAR'),
  title: TextSchema,
  body: TextSchema,
  expects: z.array(ExpectationSchema).default([]),
  effects: EffectsSchema.optional(),
});

const PhaseTargetSchema = z.union([IdSchema, z.strictObject({ goto: IdSchema, if: ConditionSchema.optional() })]);

export const PhaseSchema = z.strictObject({
  title: TextSchema,
  description: TextSchema.optional(),
  escalation: IdSchema.optional(),
  effects: z.strictObject({ indicators: z.record(z.string(), z.number()).default({}) }).optional(),
  injects: z.array(InjectSchema).default([]),
  on: z.record(z.string(), PhaseTargetSchema).default({}),
  after: z.record(z.string(), IdSchema).default({}),
  when: z.array(z.strictObject({ if: ConditionSchema, goto: IdSchema })).default([]),
  end: z.boolean().default(false),
});

export const ActionSchema = z.strictObject({
  id: IdSchema,
  label: TextSchema,
  description: TextSchema.optional(),
  by: z.union([z.literal('all'), z.array(IdSchema).min(1)]),
  phases: z.array(IdSchema).optional(),
  when: ConditionSchema.optional(),
  once: z.enum(ONCE_SCOPES).default('organisation'),
  report: z.boolean().default(false),
  effects: EffectsSchema.default({ indicators: {} }),
});

export const ObjectiveSchema = z.strictObject({
  id: IdSchema,
  text: TextSchema,
  requires: ConditionSchema.optional(),
});

export const ScenarioSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema,
  summary: TextSchema,
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  audience: z.enum(AUDIENCES).default('national'),
  duration: DurationSchema,
  start: IdSchema.optional(),
  author: z.string().optional(),
  organisations: z.array(OrganisationSchema).min(1),
  personas: z.array(PersonaSchema).default([]),
  indicators: z.array(IndicatorSchema).default([]),
  escalation: EscalationSchema.optional(),
  timeline: z.array(InjectSchema).default([]),
  phases: z.record(z.string(), PhaseSchema),
  actions: z.array(ActionSchema).default([]),
  objectives: z.array(ObjectiveSchema).default([]),
});

/** A scenario as the schema reads it: durations in seconds, defaults filled in, texts as written. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ParsedScenario = z.output<typeof ScenarioSchema>;
export type ParsedInject = z.output<typeof InjectSchema>;
export type ParsedPhase = z.output<typeof PhaseSchema>;
export type ParsedAction = z.output<typeof ActionSchema>;
