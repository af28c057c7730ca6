import { z } from 'zod';
import type { DryRun, DryRunPolicy } from '../../shared/protocol/dryRun.ts';
import { POLICIES, type PolicyName } from '../simulate/playerPolicy.ts';

/** `dryRun` on `POST /api/exercises`: the automatic players' policy and seed, checked like every input. */
export const DryRunSchema = z.strictObject({
  policy: z.enum(POLICIES).default('expected'),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
}) satisfies z.ZodType<DryRun>;

// The policies Control offers (shared) are exactly those of `simulate`: this stops compiling when they differ.
const samePolicies: [PolicyName] extends [DryRunPolicy] ? ([DryRunPolicy] extends [PolicyName] ? true : never) : never = true;
void samePolicies;
