import { ArraySchema, MapSchema } from '@colyseus/schema';
import type { ExerciseClockState } from '../../shared/exerciseClock.ts';
import {
  ClockState,
  ControlDeskState,
  ControlSecretsState,
  DeskState,
  ExerciseState,
  ExpectationState,
  HeadlineState,
  IndicatorState,
  LevelState,
  OpenActionState,
  OrganisationState,
  UpcomingState,
} from '../../shared/protocol/exerciseState.ts';
import type { LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import type { ExpectationRecord } from '../engine/effects.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';

/** Writes the slowly changing situation into the synced state; the engine decides, this only mirrors. */
export function textMap(text: LocalText | undefined): MapSchema<string> {
  return new MapSchema<string>(text ? { ...text } : {});
}

export function createExerciseState(exerciseId: string, name: string, scenario: Scenario): ExerciseState {
  const state = new ExerciseState();
  state.exerciseId = exerciseId;
  state.name = name;
  state.scenarioId = scenario.id;
  state.title = textMap(scenario.title);
  state.clock = new ClockState().assign({ status: 'ready', speed: 1, anchorExerciseMs: 0, anchorWallMs: 0, serverWallMs: 0 });
  state.levels = new ArraySchema(...scenario.escalation.levels.map((l) => new LevelState().assign({ id: l.id, label: textMap(l.label) })));
  state.escalation = scenario.escalation.initial;
  for (const o of scenario.organisations) {
    state.organisations.set(
      o.id,
      new OrganisationState().assign({
        id: o.id,
        name: textMap(o.name),
        kind: o.kind,
        sector: o.sector,
        simulated: o.simulated,
        online: 0,
        seats: new MapSchema<string>(Object.fromEntries(o.seats.map((s) => [s.id, s.name[scenario.languages[0]!] ?? s.id]))),
      }),
    );
    state.desks.set(o.id, new DeskState().assign({ organisation: o.id }));
  }
  for (const i of scenario.indicators) {
    state.indicators.set(
      i.id,
      new IndicatorState().assign({
        id: i.id,
        label: textMap(i.label),
        value: i.initial,
        min: i.min,
        max: i.max,
        public: i.public,
        unit: i.unit ?? '',
      }),
    );
  }
  state.control = new ControlDeskState().assign({ phase: '', phaseEnteredAtMs: 0, endReason: '', notice: '' });
  state.secrets = new ControlSecretsState();
  return state;
}

/**
 * Mirrors the clock when it changed. Every write reaches every seat, so an unchanged clock is not written;
 * `serverWallMs` (for clients to estimate their offset) moves with the clock's own changes only.
 */
export function writeClock(state: ExerciseState, clock: ExerciseClockState, wallMs: number): void {
  const c = state.clock;
  if (
    c.status === clock.status &&
    c.speed === clock.speed &&
    c.anchorExerciseMs === clock.anchorExerciseMs &&
    c.anchorWallMs === clock.anchorWallMs
  )
    return;
  c.assign({
    status: clock.status,
    speed: clock.speed,
    anchorExerciseMs: clock.anchorExerciseMs,
    anchorWallMs: clock.anchorWallMs,
    serverWallMs: wallMs,
  });
}

export function writeExpectation(state: ExerciseState, e: ExpectationRecord): void {
  state.control.expectations.set(
    e.id,
    new ExpectationState().assign({
      id: e.id,
      inject: e.inject,
      action: e.action,
      organisation: e.organisation,
      objective: e.objective,
      deliveredAtMs: e.deliveredAt,
      dueAtMs: e.dueAt,
      status: e.status,
      respondedAtMs: e.respondedAt ?? -1,
    }),
  );
}

export function addHeadline(state: ExerciseState, inject: string, atMs: number, channel: string, title: LocalText): void {
  state.headlines.push(new HeadlineState().assign({ inject, atMs, channel, title: textMap(title) }));
  if (state.headlines.length > 20) state.headlines.shift();
}

/** Each organisation's open decisions now; rewritten only where they changed. Returns the desks it rewrote. */
export function refreshDesks(state: ExerciseState, engine: ExerciseEngine): string[] {
  const changed: string[] = [];
  for (const org of engine.scenario.organisations) {
    const open = engine.openActions(org.id);
    const desk = state.desks.get(org.id)!;
    const current = desk.openActions.map((a) => a.id).join(' ');
    if (current === open.map((a) => a.id).join(' ')) continue;
    changed.push(org.id);
    replaceItems(
      desk.openActions,
      open.map((a) =>
        new OpenActionState().assign({ id: a.id, label: textMap(a.label), description: textMap(a.description), report: a.report }),
      ),
    );
  }
  return changed;
}

const UPCOMING_SHOWN = 12;

/**
 * What Control sees coming next; changed only when it changed (then it returns true). Usually the first ones were
 * delivered and as many later ones come into view: those are shifted out and the new ones pushed, so a delivery
 * builds and sends one or two items instead of the whole list.
 */
export function refreshUpcoming(state: ExerciseState, engine: ExerciseEngine): boolean {
  const next = engine.upcoming(UPCOMING_SHOWN);
  const wanted = next.map((u) => `${u.inject.id}@${u.dueAt}`);
  const list = state.control.upcoming;
  const current = list.map((u) => `${u.inject}@${u.dueAtMs}`);
  if (wanted.join(' ') === current.join(' ')) return false;
  const item = (u: (typeof next)[number]) =>
    new UpcomingState().assign({
      inject: u.inject.id,
      dueAtMs: u.dueAt,
      channel: u.inject.channel,
      tlp: u.inject.tlp,
      title: textMap(u.inject.title),
      to: new ArraySchema(...u.inject.to),
    });
  // The fewest leading items whose removal leaves the start of what is wanted (-1: none does, rewrite it all).
  const gone = current.findIndex((_, from) => current.slice(from).every((k, i) => wanted[i] === k));
  if (gone >= 0) {
    for (let i = 0; i < gone; i++) list.shift();
    list.push(...next.slice(current.length - gone).map(item));
  } else replaceItems(list, next.map(item));
  return true;
}

/**
 * Collections inside a viewed structure (a desk, the Control desk) are changed in place, never replaced: a
 * map of texts assigned after a seat's StateView was built is not in that view and never reached the seat
 * (test/integration/viewFiltering.test.ts pins it).
 */
export function replaceItems<T>(list: ArraySchema<T>, items: readonly T[]): void {
  list.clear();
  list.push(...items);
}

export function replaceTexts(map: MapSchema<string>, text: LocalText | undefined): void {
  map.clear();
  for (const [language, value] of Object.entries(text ?? {})) map.set(language, value);
}
