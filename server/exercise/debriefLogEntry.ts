import type { DebriefRecord } from '../../shared/protocol/evaluation.ts';
import type { LogEntryView } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { EventBody, StoredEvent } from './exerciseEvent.ts';

export type DebriefBody = Extract<
  EventBody,
  {
    type:
      | 'objective.rated'
      | 'hotwash.submitted'
      | 'report.summaryWritten'
      | 'report.planItemSet'
      | 'report.planItemRemoved'
      | 'report.published';
  }
>;

const RATING_WORDS = {
  P: 'performed without challenges',
  S: 'performed with some challenges',
  M: 'performed with major challenges',
  U: 'unable to be performed',
};

/**
 * The staff log entry for a debrief event: a readable line plus the structured record, from which Control's
 * and evaluators' screens keep the current ratings, summary and plan. The report itself is built from the
 * events (server/report/), not from these entries.
 */
export function debriefLogEntry(event: StoredEvent, body: DebriefBody, scenario: Scenario): LogEntryView {
  const entry = (kind: LogEntryView['kind'], organisation: string | null, text: string, debrief: DebriefRecord): LogEntryView => ({
    id: `l${event.seq}`,
    atMs: event.atMs,
    author: event.actor.name,
    organisation,
    kind,
    text,
    debrief,
  });
  switch (body.type) {
    case 'objective.rated': {
      const objective = scenario.objectives.find((o) => o.id === body.objective)?.text[scenario.languages[0]!] ?? body.objective;
      const lines = [
        `${body.rating} (${RATING_WORDS[body.rating]}) — ${objective}`,
        body.strengths && `Strengths: ${body.strengths}`,
        body.improvements && `To improve: ${body.improvements}`,
      ];
      const { objective: id, rating, strengths, improvements } = body;
      return {
        ...entry('rating', null, lines.filter(Boolean).join('\n'), { kind: 'rating', objective: id, rating, strengths, improvements }),
        objective: id,
      };
    }
    case 'hotwash.submitted': {
      const lines = [body.wentWell && `Went well: ${body.wentWell}`, body.toImprove && `To improve: ${body.toImprove}`];
      return entry('hotwash', body.organisation, lines.filter(Boolean).join('\n'), {
        kind: 'hotwash',
        wentWell: body.wentWell,
        toImprove: body.toImprove,
      });
    }
    case 'report.summaryWritten':
      return entry('report', null, 'Executive summary updated.', { kind: 'summary', text: body.text });
    case 'report.planItemSet': {
      const { item } = body;
      return entry('report', item.organisation, `Improvement plan ${item.id}: ${item.issue} → ${item.action} (due ${item.due})`, {
        kind: 'planItem',
        item,
      });
    }
    case 'report.planItemRemoved':
      return entry('report', null, `Improvement plan ${body.id} removed.`, { kind: 'planItemRemoved', id: body.id });
    case 'report.published':
      return entry('report', null, body.published ? 'Report published to its link.' : 'Report link withdrawn.', {
        kind: 'published',
        published: body.published,
      });
  }
}
