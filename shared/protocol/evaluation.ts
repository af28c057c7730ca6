import { z } from 'zod';

/**
 * The debrief's vocabulary, shared by the room, the report and the client. Ratings follow the HSEEP
 * after-action report: P performed without challenges, S with some challenges, M with major challenges,
 * U unable to be performed.
 */
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

/** One row of the improvement plan that Control edits before publishing the report. */
export const PlanItemSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  issue: z.string().trim().min(1).max(2000),
  action: z.string().trim().min(1).max(2000),
  /** An organisation id of the scenario. */
  organisation: z.string().min(1).max(80),
  /** A calendar date, YYYY-MM-DD. */
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  objective: z.string().min(1).max(80).optional(),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

/**
 * The structured part of a debrief log entry (staff only), from which Control's and evaluators' screens keep
 * the current ratings, summary, plan and publication without another channel.
 */
export type DebriefRecord =
  | {
      readonly kind: 'rating';
      readonly objective: string;
      readonly rating: Rating;
      readonly strengths: string;
      readonly improvements: string;
    }
  | { readonly kind: 'hotwash'; readonly wentWell: string; readonly toImprove: string }
  | { readonly kind: 'summary'; readonly text: string }
  | { readonly kind: 'planItem'; readonly item: PlanItem }
  | { readonly kind: 'planItemRemoved'; readonly id: string }
  | { readonly kind: 'published'; readonly published: boolean };
