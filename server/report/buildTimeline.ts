import type { LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import type { EventBody, StoredEvent } from '../exercise/exerciseEvent.ts';
import type { ReportText, TimelineEntry, TimelineKind } from './reportModel.ts';
import type { ReplayedExercise } from './replayExercise.ts';

/** Describes what Control did, in every report language; undefined for events that are not Control's doing. */
export type ControlText = (body: EventBody, scenario: Scenario) => LocalText | undefined;
export type EndText = (reason: string, scenario: Scenario) => LocalText;

const LOG_KINDS: Partial<Record<string, TimelineKind>> = {
  action: 'action',
  acknowledge: 'acknowledgement',
  log: 'log',
  sitrep: 'sitrep',
  observation: 'observation',
};

/**
 * One list, in exercise time, of everything that happened: phases, escalation, injects, actions, messages,
 * acknowledgements, log entries, observations and Control's interventions. Ratings, hot-wash answers and
 * report edits are the debrief, not the exercise, and have their own sections.
 */
export function buildTimeline(
  scenario: Scenario,
  events: readonly StoredEvent[],
  replayed: ReplayedExercise,
  controlText: ControlText,
  endText: EndText,
): TimelineEntry[] {
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const injectTitle = new Map(replayed.injects.map(({ view }) => [view.id, view.title]));
  const entries: TimelineEntry[] = [];
  const add = (entry: Partial<TimelineEntry> & Pick<TimelineEntry, 'atMs' | 'seq' | 'kind' | 'title'>) =>
    entries.push({
      organisation: null,
      from: null,
      fromName: null,
      to: [],
      tlp: null,
      channel: null,
      author: null,
      ref: null,
      text: '',
      ...entry,
    });

  for (const p of replayed.phases) {
    const phase = scenario.phases.find((x) => x.id === p.phase);
    add({ atMs: p.atMs, seq: p.seq, kind: 'phase', ref: p.phase, title: phase?.title ?? p.phase, text: phase?.description ?? '' });
  }
  for (const e of replayed.escalation.filter((x) => x.seq > 0)) {
    const level = scenario.escalation.levels.find((l) => l.id === e.level);
    add({ atMs: e.atMs, seq: e.seq, kind: 'escalation', ref: e.level, title: level?.label ?? e.level });
  }
  for (const { seq, view } of replayed.injects)
    add({
      atMs: view.atMs,
      seq,
      kind: 'inject',
      from: view.from,
      fromName: view.fromName,
      to: view.to,
      tlp: view.tlp,
      channel: view.channel,
      author: null,
      ref: view.id,
      title: view.title,
      text: view.body,
    });
  for (const { seq, view } of replayed.messages)
    add({
      atMs: view.atMs,
      seq,
      kind: 'message',
      organisation: view.from === 'control' ? null : view.from,
      from: view.from,
      to: view.to,
      tlp: view.tlp,
      author: view.author,
      ref: view.id,
      title: view.subject,
      text: view.forwarded ? `${view.body}\n\n» ${view.forwarded.title}\n${view.forwarded.body}` : view.body,
    });
  for (const { seq, view } of replayed.logs) {
    const kind = LOG_KINDS[view.kind];
    if (kind === undefined) continue;
    const event = bySeq.get(seq);
    if (kind === 'log' && view.organisation === null) continue; // Control's notes on codes: the control entries say it
    let title: ReportText = '';
    let text: ReportText = view.text;
    if (kind === 'action') {
      const action = scenario.actions.find((a) => a.id === view.action);
      title = action?.label ?? view.action ?? '';
      // A player's report is in the event; what SimCell does for simulated organisations is not.
      const body = event?.body;
      text =
        body?.type === 'action.taken' && body.action === view.action && body.organisation === view.organisation ? (body.text ?? '') : '';
    } else if (kind === 'acknowledgement') {
      title = (view.inject && injectTitle.get(view.inject)) || view.text;
      text = '';
    }
    add({
      atMs: view.atMs,
      seq,
      kind,
      organisation: view.organisation,
      author: view.author,
      ref: view.action ?? view.inject ?? null,
      title,
      text,
    });
  }
  for (const event of events) {
    const described = controlText(event.body, scenario);
    if (described) add({ atMs: event.atMs, seq: event.seq, kind: 'control', author: event.actor.name, title: described });
  }
  if (replayed.ended)
    add({ atMs: replayed.ended.atMs, seq: replayed.ended.seq, kind: 'end', title: endText(replayed.ended.reason, scenario) });

  // At one moment and event: the event's own entry (a player's action, Control's command), then what it caused
  // in the order below; otherwise the order things were added in.
  const direct = (entry: TimelineEntry) => DIRECT[entry.kind]?.includes(bySeq.get(entry.seq)?.body.type ?? '') ?? false;
  return entries
    .map((entry, order) => ({ entry, order, rank: direct(entry) ? -1 : RANK[entry.kind] }))
    .sort((a, b) => a.entry.atMs - b.entry.atMs || a.entry.seq - b.entry.seq || a.rank - b.rank || a.order - b.order)
    .map(({ entry }) => entry);
}

/** Entries that are the stored event itself rather than its consequence. */
const DIRECT: Partial<Record<TimelineKind, readonly string[]>> = {
  control: [
    'exercise.started',
    'clock.paused',
    'clock.resumed',
    'clock.speed',
    'control.fireNext',
    'control.adhoc',
    'control.indicator',
    'control.escalation',
    'control.goto',
    'control.end',
    'code.reissued',
  ],
  action: ['action.taken'],
  message: ['message.sent'],
  acknowledgement: ['inject.acknowledged'],
  log: ['log.written'],
  sitrep: ['log.written'],
  observation: ['observation.recorded'],
};

const RANK: Record<TimelineKind, number> = {
  control: 0,
  phase: 1,
  escalation: 2,
  inject: 3,
  action: 4,
  message: 5,
  acknowledgement: 6,
  log: 7,
  sitrep: 7,
  observation: 8,
  end: 9,
};
