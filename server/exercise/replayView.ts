import { Decoder, Encoder } from '@colyseus/schema';
import { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { ScenarioSummaryView, ServerMessages } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { createSeatView } from '../room/seatViews.ts';
import type { Viewer } from './audience.ts';
import type { StoredEvent } from './exerciseEvent.ts';
import { ExerciseSession } from './exerciseSession.ts';

/**
 * An exercise as one seat saw it after its first `seq` events: the exercise is replayed from its scenario
 * [invariant: the event log is the truth], then projected through the same filters the room uses live — the
 * seat's StateView for the synced state [invariant: role views are filtered on the server], the audience
 * predicate for injects, messages and log entries (the history a late joiner gets in its `welcome`).
 */
export interface ReplayView {
  readonly seq: number;
  /** Exercise ms when event `seq` happened (0 before the first). */
  readonly atMs: number;
  readonly history: Pick<ServerMessages['welcome'], 'injects' | 'messages' | 'logs'>;
  readonly scenario: ScenarioSummaryView;
  /** The synced state exactly as the seat's connection would decode it, as plain JSON. */
  readonly state: Record<string, unknown>;
  /** The same state as the room encodes it for this seat: a full-state frame of the shared schema. */
  readonly stateBytes: Uint8Array;
}

/** One event on the scrubber: when, what, who, and the injects it delivered (staff only ever see this). */
export interface TimelineEntry {
  readonly seq: number;
  readonly atMs: number;
  readonly type: string;
  readonly actor: { readonly role: string; readonly name: string; readonly organisation: string | null };
  readonly injects: readonly { readonly id: string; readonly title: Record<string, string> }[];
  readonly messages: number;
  readonly logs: number;
}

export interface ReplaySource {
  readonly exerciseId: string;
  readonly name: string;
  readonly scenario: Scenario;
  readonly speed: number;
  readonly events: readonly StoredEvent[];
}

export function replayView(source: ReplaySource, seq: number, viewer: Viewer): ReplayView {
  const session = sessionOf(source);
  const upTo = source.events.slice(0, seq);
  session.replay(upTo);
  // A fresh encoder per replay: the StateView is filtered against the encoder that first saw the state.
  const encoder = new Encoder(session.state);
  const view = createSeatView(session.state, viewer);
  const shared = { offset: 0 };
  encoder.encodeAll(shared);
  const stateBytes = encoder.encodeAllView(view, shared.offset, { ...shared }).slice();
  const decoded = new ExerciseState();
  new Decoder(decoded).decode(stateBytes);
  return {
    seq,
    atMs: upTo.at(-1)?.atMs ?? 0,
    history: session.historyFor(viewer),
    scenario: scenarioSummary(source.scenario, isStaff(viewer)),
    state: decoded.toJSON(),
    stateBytes,
  };
}

/** Every event with what it delivered, from one replay of the whole exercise. */
export function replayTimeline(source: ReplaySource): TimelineEntry[] {
  const session = sessionOf(source);
  return source.events.map((event) => {
    const outputs = session.apply(event);
    return {
      seq: event.seq,
      atMs: event.atMs,
      type: event.body.type,
      actor: { role: event.actor.role, name: event.actor.name, organisation: event.actor.organisation ?? null },
      injects: outputs.flatMap((o) => (o.kind === 'inject' ? [{ id: o.view.id, title: o.view.title }] : [])),
      messages: outputs.filter((o) => o.kind === 'message').length,
      logs: outputs.filter((o) => o.kind === 'log').length,
    };
  });
}

/** The parts of the scenario a seat may know, as the room's `welcome` gives them. */
export function scenarioSummary(s: Scenario, staff: boolean): ScenarioSummaryView {
  return {
    id: s.id,
    title: { ...s.title },
    languages: s.languages,
    personas: s.personas.map((p) => ({ id: p.id, name: { ...p.name }, ...(p.organisation ? { organisation: p.organisation } : {}) })),
    ...(staff
      ? {
          staff: {
            phases: s.phases.map((p) => ({ id: p.id, title: { ...p.title } })),
            objectives: s.objectives.map((o) => ({ id: o.id, text: { ...o.text } })),
            actions: s.actions.map((a) => ({ id: a.id, label: { ...a.label }, by: a.by, report: a.report })),
          },
        }
      : {}),
  };
}

function sessionOf(source: ReplaySource): ExerciseSession {
  return new ExerciseSession({ exerciseId: source.exerciseId, name: source.name, scenario: source.scenario, speed: source.speed });
}

function isStaff(viewer: Viewer): boolean {
  return viewer.role === 'control' || viewer.role === 'evaluator' || viewer.role === 'observer';
}
