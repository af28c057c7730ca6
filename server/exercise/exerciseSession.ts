import {
  createClock,
  endClock,
  exerciseTimeAt,
  pauseClock,
  resumeClock,
  setClockSpeed,
  startClock,
  wallDelayUntil,
  type ExerciseClockState,
} from '../../shared/exerciseClock.ts';
import type { ErrorCode } from '../../shared/protocol/errorCodes.ts';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { Intent, IntentType } from '../../shared/protocol/intents.ts';
import type { InjectView, LogEntryView, MessageView } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { compileScenario } from '../engine/compileScenario.ts';
import type { Effect } from '../engine/effects.ts';
import { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { audienceOf, canSee, STAFF_ONLY, type Audience, type Viewer } from './audience.ts';
import type { EventBody, NewEvent, StoredEvent } from './exerciseEvent.ts';
import { debriefLogEntry } from './debriefLogEntry.ts';
import { buildInjectView, forViewer, injectAudience } from './injectView.ts';
import { controlCommandOf, prepareIntent } from './prepareIntent.ts';
import {
  addHeadline,
  createExerciseState,
  refreshDesks,
  refreshUpcoming,
  replaceTexts,
  writeClock,
  writeExpectation,
} from './stateProjection.ts';

export interface SessionSeat extends Viewer {
  readonly participantId: string;
  readonly name: string;
}

/** Something to send, and to whom. */
export type Output =
  | { readonly kind: 'inject'; readonly view: InjectView; readonly audience: Audience }
  | { readonly kind: 'message'; readonly view: MessageView; readonly audience: Audience }
  | { readonly kind: 'log'; readonly view: LogEntryView; readonly audience: Audience };

export type Prepared =
  { readonly ok: true; readonly event: NewEvent } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

export interface SessionOptions {
  readonly exerciseId: string;
  readonly name: string;
  readonly scenario: Scenario;
  readonly speed?: number;
}

/**
 * One exercise, without the network: the engine, the exercise clock, the synced state and the history of
 * what was said and sent. `prepare` checks an intent and turns it into an event, changing nothing;
 * `apply` applies a stored event and returns what to send. Replaying the stored events through `apply`
 * rebuilds the same exercise [invariant: the event log is the truth]. Wall time is always passed in.
 */
export class ExerciseSession {
  readonly scenario: Scenario;
  readonly state: ExerciseState;
  private readonly engine: ExerciseEngine;
  private clock: ExerciseClockState;
  private readonly history: Output[] = [];
  private readonly messagesById = new Map<string, { view: MessageView; audience: Audience }>();
  private readonly injectsById = new Map<string, InjectView>();
  private readonly orgIds: ReadonlySet<string>;
  private readonly changedDesks = new Set<string>();
  private controlChanged = false;
  /** While replaying, desks and the upcoming list are computed once at the end, not after every event. */
  private deferRefresh = false;
  /** Numbers action log entries; replays count the same way. */
  private actionCount = 0;
  /** Hears every batch of engine effects once applied: a dry-run's automatic players (watchEngine). */
  private effectsWatcher: ((effects: readonly Effect[]) => void) | undefined;
  private readonly planItemIds = new Set<string>();
  private readonly classSeats: { name: string; organisation: string }[] = [];

  constructor(options: SessionOptions) {
    this.scenario = options.scenario;
    this.engine = new ExerciseEngine(compileScenario(options.scenario));
    this.clock = createClock(options.speed ?? 1);
    this.state = createExerciseState(options.exerciseId, options.name, options.scenario);
    this.orgIds = new Set(options.scenario.organisations.map((o) => o.id));
    writeClock(this.state, this.clock, 0);
    this.refresh();
  }

  /**
   * Lets a dry-run's automatic players follow the exercise as `simulate`'s do: `watcher` hears every batch of
   * effects, live and in a replay. Returns the engine to read; it is only ever driven through apply().
   */
  watchEngine(watcher: (effects: readonly Effect[]) => void): ExerciseEngine {
    this.effectsWatcher = watcher;
    return this.engine;
  }

  get nowMs(): number {
    return this.engine.now;
  }

  get status(): ExerciseClockState['status'] {
    return this.clock.status;
  }

  get lastEndReason(): string | undefined {
    return this.engine.endReason;
  }

  /**
   * Moves exercise time to what the clock shows at `wallMs`. `changed` says whether time passing changed the
   * exercise (a delivery, a phase, an indicator, the end): then the room stores that it did [event log is the
   * truth], with this same wall time. `laterLists`: the lists derived from it (open decisions, upcoming injects)
   * wait for refreshLists(), so the room can send the deliveries first; the next patch carries them either way.
   */
  tick(wallMs: number, laterLists = false): { outputs: Output[]; changed: boolean } {
    if (this.clock.status !== 'running') return { outputs: [], changed: false };
    const deferred = this.deferRefresh;
    this.deferRefresh ||= laterLists;
    try {
      const effects = this.engine.advanceTo(Math.floor(exerciseTimeAt(this.clock, wallMs)));
      const outputs = this.fromEffects(effects);
      if (effects.length) this.syncClock(wallMs);
      return { outputs, changed: effects.length > 0 };
    } finally {
      this.deferRefresh = deferred;
    }
  }

  /** The lists a tick with `laterLists` left behind. */
  refreshLists(): void {
    this.refresh();
  }

  /** Applies stored events in order, refreshing the derived views once at the end: a restore or an import. */
  replay(events: readonly StoredEvent[]): void {
    this.deferRefresh = true;
    try {
      for (const event of events) this.apply(event);
    } finally {
      this.deferRefresh = false;
    }
    this.refresh();
  }

  /** Where class-code students were placed, in order (the room's seat directory starts from these). */
  get classAssignments(): readonly { name: string; organisation: string }[] {
    return this.classSeats;
  }

  /** Wall ms until the engine next has something due, for the room's timer. */
  wallDelayToNext(wallMs: number): number {
    const due = this.engine.nextDueAt();
    return due === undefined ? Infinity : wallDelayUntil(this.clock, due, wallMs);
  }

  /** Checks an intent against the exercise as it is now; changes nothing (see prepareIntent.ts). */
  prepare<T extends IntentType>(type: T, intent: Intent<T>, seat: SessionSeat, wallMs: number): Prepared {
    return prepareIntent(type, intent, seat, wallMs, {
      scenario: this.scenario,
      engine: this.engine,
      clockStatus: this.clock.status,
      orgIds: this.orgIds,
      injectsById: this.injectsById,
      messagesById: this.messagesById,
      planItemIds: this.planItemIds,
    });
  }

  /** Applies a stored event (live or in a replay) and returns what to send. */
  apply(event: StoredEvent): Output[] {
    const outputs = this.fromEffects(this.engine.advanceTo(event.atMs));
    const body = event.body;
    const actor = event.actor;
    switch (body.type) {
      case 'exercise.started':
        this.clock = startClock(this.clock, event.wallMs);
        outputs.push(...this.fromEffects(this.engine.start()));
        break;
      case 'time.advanced':
        outputs.push(...this.fromEffects(this.engine.advanceTo(event.atMs)));
        break;
      case 'clock.paused':
        this.clock = pauseClock({ ...this.clock, anchorExerciseMs: event.atMs, anchorWallMs: event.wallMs }, event.wallMs);
        break;
      case 'clock.resumed':
        this.clock = resumeClock({ ...this.clock, status: 'paused', anchorExerciseMs: event.atMs }, event.wallMs);
        break;
      case 'clock.speed':
        this.clock = setClockSpeed({ ...this.clock, anchorExerciseMs: event.atMs, anchorWallMs: event.wallMs }, body.speed, event.wallMs);
        break;
      case 'action.taken': {
        const result = this.engine.act(
          {
            action: body.action,
            by: body.organisation,
            ...(body.seat ? { seat: body.seat } : {}),
            ...(body.text ? { text: body.text } : {}),
          },
          body.byControl,
        );
        if (result.ok) outputs.push(...this.fromEffects(result.effects, actor.name));
        break;
      }
      case 'inject.acknowledged': {
        const key = `${body.inject}/${body.organisation}`;
        if (!this.state.control.acknowledgements.has(key)) this.state.control.acknowledgements.set(key, event.atMs);
        const desk = this.state.desks.get(body.organisation);
        if (desk && !desk.acknowledged.has(body.inject)) desk.acknowledged.set(body.inject, event.atMs);
        outputs.push(
          this.log({
            id: `l${event.seq}`,
            atMs: event.atMs,
            organisation: body.organisation,
            author: actor.name,
            kind: 'acknowledge',
            text: this.titleOf(body.inject),
            inject: body.inject,
          }),
        );
        break;
      }
      case 'message.sent':
        outputs.push(this.message(event, body));
        break;
      case 'log.written':
        outputs.push(
          this.log({
            id: `l${event.seq}`,
            atMs: event.atMs,
            organisation: body.organisation,
            author: actor.name,
            kind: body.kind,
            text: body.text,
          }),
        );
        break;
      case 'code.reissued':
        outputs.push(
          this.log(
            {
              id: `l${event.seq}`,
              atMs: event.atMs,
              organisation: null,
              author: actor.name,
              kind: 'log',
              text: `Join code reissued for ${body.seat}; the old one no longer opens the exercise.`,
            },
            STAFF_ONLY,
          ),
        );
        break;
      case 'observation.recorded':
        outputs.push(
          this.log(
            {
              id: `l${event.seq}`,
              atMs: event.atMs,
              organisation: body.organisation ?? null,
              author: actor.name,
              kind: 'observation',
              text: body.text,
              ...(body.inject ? { inject: body.inject } : {}),
              ...(body.objective ? { objective: body.objective } : {}),
            },
            STAFF_ONLY,
          ),
        );
        break;
      case 'seat.assigned':
        this.classSeats.push({ name: body.name, organisation: body.organisation });
        break;
      case 'objective.rated':
      case 'hotwash.submitted':
      case 'report.summaryWritten':
      case 'report.planItemSet':
      case 'report.planItemRemoved':
      case 'report.published':
        if (body.type === 'report.planItemSet') this.planItemIds.add(body.item.id);
        if (body.type === 'report.planItemRemoved') this.planItemIds.delete(body.id);
        outputs.push(this.log(debriefLogEntry(event, body, this.scenario), STAFF_ONLY));
        break;
      default: {
        const control = controlCommandOf(body.type, body);
        if (control) {
          const result = this.engine.control(control.command);
          if (result.ok) outputs.push(...this.fromEffects(result.effects));
        }
      }
    }
    this.syncClock(event.wallMs);
    this.refresh();
    return outputs;
  }

  /** The clock follows the engine: it stops where the exercise ended, and waits paused when Control reopens it [P8]. */
  private syncClock(wallMs: number): void {
    const endedAt = this.engine.endedAt;
    if (endedAt !== undefined && this.clock.status !== 'ended') this.clock = { ...endClock(this.clock, wallMs), anchorExerciseMs: endedAt };
    if (endedAt === undefined && this.clock.status === 'ended')
      this.clock = { ...this.clock, status: 'paused', anchorExerciseMs: this.engine.now, anchorWallMs: wallMs };
    writeClock(this.state, this.clock, wallMs);
  }

  /** Everything a seat may see so far, in order: for a late joiner or a reconnecting device. */
  historyFor(viewer: Viewer): { injects: InjectView[]; messages: MessageView[]; logs: LogEntryView[] } {
    const visible = this.history.filter((o) => canSee(o.audience, viewer));
    return {
      injects: visible.flatMap((o) => (o.kind === 'inject' ? [forViewer(o.view, viewer)] : [])),
      messages: visible.flatMap((o) => (o.kind === 'message' ? [o.view] : [])),
      logs: visible.flatMap((o) => (o.kind === 'log' ? [o.view] : [])),
    };
  }

  private message(event: StoredEvent, body: Extract<EventBody, { type: 'message.sent' }>): Output {
    let forwarded: MessageView['forwarded'];
    if (body.forward?.kind === 'inject') {
      const view = this.injectsById.get(body.forward.id);
      if (view)
        forwarded = {
          kind: 'inject',
          id: view.id,
          title: view.title[this.scenario.languages[0]!] ?? '',
          body: view.body[this.scenario.languages[0]!] ?? '',
          from: view.from,
          tlp: view.tlp,
        };
    } else if (body.forward?.kind === 'message') {
      const found = this.messagesById.get(body.forward.id);
      if (found)
        forwarded = {
          kind: 'message',
          id: found.view.id,
          title: found.view.subject,
          body: found.view.body,
          from: found.view.from,
          tlp: found.view.tlp,
        };
    }
    const view: MessageView = {
      id: `m${event.seq}`,
      atMs: event.atMs,
      from: body.from,
      author: event.actor.role === 'control' ? `${event.actor.name} (Exercise Control)` : event.actor.name,
      to: body.to,
      tlp: body.tlp,
      subject: body.subject,
      body: body.body,
      simulated: body.simulated,
      ...(forwarded ? { forwarded } : {}),
    };
    const audience = audienceOf(body.from === 'control' ? body.to : [body.from, ...body.to]);
    this.messagesById.set(view.id, { view, audience });
    return this.remember({ kind: 'message', view, audience });
  }

  private log(view: LogEntryView, audience: Audience = view.organisation ? audienceOf([view.organisation]) : STAFF_ONLY): Output {
    return this.remember({ kind: 'log', view, audience });
  }

  private remember(output: Output): Output {
    this.history.push(output);
    return output;
  }

  private titleOf(injectId: string): string {
    return this.injectsById.get(injectId)?.title[this.scenario.languages[0]!] ?? injectId;
  }

  /** Turns engine effects into state changes and things to send. */
  private fromEffects(effects: readonly Effect[], author = 'SimCell'): Output[] {
    const outputs: Output[] = [];
    const state = this.state;
    for (const effect of effects) {
      switch (effect.type) {
        case 'inject.delivered': {
          const view = buildInjectView(this.scenario, effect.inject, effect.at, effect.cause === 'control-adhoc');
          this.injectsById.set(view.id, view);
          if (view.public) addHeadline(state, view.id, view.atMs, view.channel, view.title);
          outputs.push(this.remember({ kind: 'inject', view, audience: injectAudience(view) }));
          break;
        }
        case 'action.taken': {
          const label = this.scenario.actions.find((a) => a.id === effect.action)?.label[this.scenario.languages[0]!] ?? effect.action;
          const who = effect.simulated ? 'SimCell (simulated)' : author;
          outputs.push(
            this.log({
              id: `a${++this.actionCount}`,
              atMs: effect.at,
              organisation: effect.by,
              author: who,
              kind: 'action',
              text: effect.text ? `${label}: ${effect.text}` : label,
              action: effect.action,
            }),
          );
          break;
        }
        case 'indicator.changed':
          state.indicators.get(effect.indicator)!.value = effect.value;
          break;
        case 'escalation.changed':
          state.escalation = effect.level;
          break;
        case 'phase.entered': {
          const phase = this.scenario.phases.find((p) => p.id === effect.phase)!;
          state.control.assign({ phase: phase.id, phaseEnteredAtMs: effect.at });
          replaceTexts(state.control.phaseTitle, phase.title);
          break;
        }
        case 'expectation.opened':
        case 'expectation.scored':
          writeExpectation(state, effect.expectation);
          break;
        case 'exercise.ended':
          state.control.endReason = effect.reason;
          break;
      }
    }
    if (effects.length) {
      this.refresh();
      this.effectsWatcher?.(effects);
    }
    return outputs;
  }

  /**
   * Which viewed structures gained nested collections since the last call: the room adds them to the views of
   * the seats that see them (server/room/seatViews.ts, refreshSeatView).
   */
  takeViewChanges(): { desks: string[]; control: boolean } {
    const changes = { desks: [...this.changedDesks], control: this.controlChanged };
    this.changedDesks.clear();
    this.controlChanged = false;
    return changes;
  }

  private refresh(): void {
    if (this.deferRefresh) return;
    for (const org of refreshDesks(this.state, this.engine)) this.changedDesks.add(org);
    if (refreshUpcoming(this.state, this.engine)) this.controlChanged = true;
  }
}
