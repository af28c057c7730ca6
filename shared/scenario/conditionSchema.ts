import { z } from 'zod';
import { IdSchema } from './idSchema.ts';

/** Conditions (spec §10): structured, so that every part of one has a line to point at. */
export type Condition =
  | { indicator: string; below?: number; above?: number; atLeast?: number; atMost?: number }
  | { escalation: string }
  | { action: string; by?: string; not?: boolean }
  | { phase: string }
  | { all: Condition[] }
  | { any: Condition[] };

const IndicatorCondition = z
  .strictObject({
    indicator: IdSchema,
    below: z.number().optional(),
    above: z.number().optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
  })
  .refine((c) => c.below !== undefined || c.above !== undefined || c.atLeast !== undefined || c.atMost !== undefined, {
    message: 'an indicator condition needs a bound: add below, above, atLeast or atMost',
  });

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    IndicatorCondition,
    z.strictObject({ escalation: IdSchema }),
    z.strictObject({ action: IdSchema, by: IdSchema.optional(), not: z.boolean().optional() }),
    z.strictObject({ phase: IdSchema }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
);

/** The keys that start each kind of condition, for error hints. */
export const CONDITION_KINDS = ['indicator', 'escalation', 'action', 'phase', 'all', 'any'] as const;
