import type { InjectView, LogEntryView, MessageView } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { ExerciseContext } from '../engine/compileScenario.ts';
import type { ExpectationRecord } from '../engine/effects.ts';
import type { StoredEvent } from '../exercise/exerciseEvent.ts';
import { ExerciseSession } from '../exercise/exerciseSession.ts';

/** Something the exercise sent, with the number of the stored event that caused it. */
export type Sent<T> = { readonly seq: number; readonly view: T };

/** What replaying the events shows, for the report: what happened, and the situation over time. */
export interface ReplayedExercise {
  readonly injects: readonly Sent<InjectView>[];
  readonly messages: readonly Sent<MessageView>[];
  readonly logs: readonly Sent<LogEntryView>[];
  readonly phases: readonly { readonly phase: string; readonly atMs: number; readonly seq: number }[];
  /** The level from each moment it changed; the first point (seq 0 until something changed at time 0) is where it began. */
  readonly escalation: readonly { readonly level: string; readonly atMs: number; readonly seq: number }[];
  readonly indicators: ReadonlyMap<string, readonly { readonly atMs: number; readonly value: number }[]>;
  readonly expectations: readonly ExpectationRecord[];
  /** What `requires` conditions read, as it stands after the last event. */
  readonly context: ExerciseContext;
  readonly nowMs: number;
  readonly status: ExerciseSession['status'];
  readonly ended: { readonly atMs: number; readonly wallMs: number; readonly reason: string; readonly seq: number } | null;
}

/**
 * Replays the events through the same ExerciseSession a room runs, one at a time, and reads what it sent and
 * how its state moved after each one. The engine decides everything; this only watches. A change caused by
 * time passing is dated at the event that carried it: the room stores a `time.advanced` event whenever time
 * passing changed the exercise, so that is when it happened (to the room's tick).
 */
export function replayExercise(scenario: Scenario, exerciseId: string, name: string, speed: number, events: readonly StoredEvent[]) {
  const session = new ExerciseSession({ exerciseId, name, scenario, speed });
  const state = session.state;
  const injects: Sent<InjectView>[] = [];
  const messages: Sent<MessageView>[] = [];
  const logs: Sent<LogEntryView>[] = [];
  const phases: { phase: string; atMs: number; seq: number }[] = [];
  const escalation = [{ level: state.escalation, atMs: 0, seq: 0 }];
  const indicators = new Map(scenario.indicators.map((i) => [i.id, [{ atMs: 0, value: i.initial }]]));
  let ended: ReplayedExercise['ended'] = null;

  for (const event of events) {
    for (const output of session.apply(event)) {
      if (output.kind === 'inject') injects.push({ seq: event.seq, view: output.view });
      else if (output.kind === 'message') messages.push({ seq: event.seq, view: output.view });
      else logs.push({ seq: event.seq, view: output.view });
    }
    const control = state.control;
    const lastPhase = phases.at(-1);
    if (control.phase && (lastPhase?.phase !== control.phase || lastPhase.atMs !== control.phaseEnteredAtMs))
      phases.push({ phase: control.phase, atMs: control.phaseEnteredAtMs, seq: event.seq });
    if (escalation.at(-1)!.level !== state.escalation) record(escalation, { level: state.escalation, atMs: event.atMs, seq: event.seq });
    for (const [id, series] of indicators) {
      const value = state.indicators.get(id)!.value;
      if (series.at(-1)!.value !== value) record(series, { atMs: event.atMs, value });
    }
    if (session.status === 'ended' && ended === null)
      ended = { atMs: state.clock.anchorExerciseMs, wallMs: event.wallMs, reason: session.lastEndReason ?? 'control', seq: event.seq };
    if (session.status !== 'ended') ended = null; // Control jumped back into a phase [P8]
  }

  const expectations: ExpectationRecord[] = [...state.control.expectations.values()].map((e) => ({
    id: e.id,
    inject: e.inject,
    action: e.action,
    organisation: e.organisation,
    objective: e.objective,
    deliveredAt: e.deliveredAtMs,
    dueAt: e.dueAtMs,
    status: e.status,
    ...(e.respondedAtMs >= 0 ? { respondedAt: e.respondedAtMs } : {}),
  }));
  const taken: Record<string, string[]> = {};
  for (const { view } of logs)
    if (view.kind === 'action' && view.action && view.organisation) (taken[view.action] ??= []).push(view.organisation);
  const context: ExerciseContext = {
    indicators: Object.fromEntries([...indicators].map(([id, series]) => [id, series.at(-1)!.value])),
    escalation: scenario.escalation.levels.findIndex((l) => l.id === state.escalation),
    phase: state.control.phase,
    taken,
    triggered: {},
  };
  const replayed: ReplayedExercise = {
    injects,
    messages,
    logs,
    phases,
    escalation,
    indicators,
    expectations,
    context,
    nowMs: session.nowMs,
    status: session.status,
    ended,
  };
  return replayed;
}

/** Adds a point to a series; a second change at the same moment replaces the first (the chart shows where it settled). */
function record<T extends { atMs: number }>(series: T[], point: T): void {
  if (series.at(-1)?.atMs === point.atMs) series[series.length - 1] = point;
  else series.push(point);
}
