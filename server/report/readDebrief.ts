import type { PlanItem } from '../../shared/protocol/evaluation.ts';
import type { StoredEvent } from '../exercise/exerciseEvent.ts';
import type { AuthoredText, HotwashAnswer, RaterRating, ReportObservation } from './reportModel.ts';

/** The debrief as the events leave it: latest rating per rater and objective, latest hot wash per person, … */
export interface Debrief {
  /** Objective id → the latest rating of each rater, in the order the raters first rated it. */
  readonly ratings: ReadonlyMap<string, readonly RaterRating[]>;
  readonly observations: readonly ReportObservation[];
  readonly hotwash: readonly HotwashAnswer[];
  readonly summary: AuthoredText | null;
  /** In the order items were first added; an edit keeps the item's place. */
  readonly plan: readonly PlanItem[];
  readonly published: boolean;
}

/** Folds the evaluation events of an exercise's log; the rater or participant is the event's actor. */
export function readDebrief(events: readonly StoredEvent[]): Debrief {
  const ratings = new Map<string, Map<string, RaterRating>>();
  const observations: ReportObservation[] = [];
  const hotwash = new Map<string, HotwashAnswer>();
  let summary: AuthoredText | null = null;
  const plan = new Map<string, PlanItem>();
  let published = false;

  for (const event of events) {
    const { body, actor } = event;
    const wallTime = new Date(event.wallMs).toISOString();
    switch (body.type) {
      case 'objective.rated': {
        const byRater = ratings.get(body.objective) ?? new Map<string, RaterRating>();
        byRater.set(actor.participantId, {
          rater: actor.name,
          role: actor.role,
          participantId: actor.participantId,
          rating: body.rating,
          strengths: body.strengths,
          improvements: body.improvements,
          atMs: event.atMs,
          wallTime,
        });
        ratings.set(body.objective, byRater);
        break;
      }
      case 'observation.recorded':
        observations.push({
          seq: event.seq,
          atMs: event.atMs,
          author: actor.name,
          text: body.text,
          inject: body.inject ?? null,
          organisation: body.organisation ?? null,
          objective: body.objective ?? null,
        });
        break;
      case 'hotwash.submitted':
        hotwash.set(actor.participantId, {
          participant: actor.name,
          organisation: body.organisation,
          wentWell: body.wentWell,
          toImprove: body.toImprove,
          wallTime,
        });
        break;
      case 'report.summaryWritten':
        summary = body.text.trim() ? { text: body.text, author: actor.name, wallTime } : null;
        break;
      case 'report.planItemSet':
        plan.set(body.item.id, body.item);
        break;
      case 'report.planItemRemoved':
        plan.delete(body.id);
        break;
      case 'report.published':
        published = body.published;
        break;
      default:
        break;
    }
  }
  return {
    ratings: new Map([...ratings].map(([objective, byRater]) => [objective, [...byRater.values()]])),
    observations,
    hotwash: [...hotwash.values()],
    summary,
    plan: [...plan.values()],
    published,
  };
}

/** Whether the latest `report.published` event opened the report to its link. */
export function isReportPublished(events: readonly StoredEvent[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const body = events[i]!.body;
    if (body.type === 'report.published') return body.published;
  }
  return false;
}
