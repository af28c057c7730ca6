import type { PlanItem, Rating } from '../../shared/protocol/evaluation.ts';
import type { LogEntryView } from '../../shared/protocol/serverMessages.ts';

export interface RatingEntry {
  readonly objective: string;
  readonly rating: Rating;
  readonly strengths: string;
  readonly improvements: string;
  readonly author: string;
  readonly atMs: number;
}

export interface DebriefState {
  /** The latest rating of each objective by each rater (keyed by objective, then author). */
  readonly ratings: ReadonlyMap<string, ReadonlyMap<string, RatingEntry>>;
  readonly summary: string;
  readonly plan: readonly PlanItem[];
  readonly published: boolean;
  readonly hotwashCount: number;
}

/**
 * The debrief as it stands, folded from the staff log entries that carry a debrief record (the room sends
 * them live and in the history of a late joiner), in the order they were written.
 */
export function debriefState(logs: Iterable<LogEntryView>): DebriefState {
  const ratings = new Map<string, Map<string, RatingEntry>>();
  const plan = new Map<string, PlanItem>();
  let summary = '';
  let published = false;
  let hotwashCount = 0;
  for (const log of logs) {
    const d = log.debrief;
    if (!d) continue;
    switch (d.kind) {
      case 'rating': {
        const byAuthor = ratings.get(d.objective) ?? new Map<string, RatingEntry>();
        byAuthor.set(log.author, { ...d, author: log.author, atMs: log.atMs });
        ratings.set(d.objective, byAuthor);
        break;
      }
      case 'hotwash':
        hotwashCount++;
        break;
      case 'summary':
        summary = d.text;
        break;
      case 'planItem':
        plan.set(d.item.id, d.item);
        break;
      case 'planItemRemoved':
        plan.delete(d.id);
        break;
      case 'published':
        published = d.published;
        break;
    }
  }
  return { ratings, summary, plan: [...plan.values()], published, hotwashCount };
}
