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
import { ERROR_CODES, type ErrorCode } from '../../shared/protocol/errorCodes.ts';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { Intent, IntentType } from '../../shared/protocol/intents.ts';
import type { InjectView, LogEntryView, MessageView } from '../../shared/protocol/serverMessages.ts';
import type { Inject, Scenario } from '../../shared/scenario/scenario.ts';
import { compileScenario } from '../engine/compileScenario.ts';
import type { Effect } from '../engine/effects.ts';
import { ExerciseEngine, type ControlCommand } from '../engine/exerciseEngine.ts';
import { audienceOf, canSee, STAFF_ONLY, type Audience, type Viewer } from './audience.ts';
import type { Actor, EventBody, NewEvent, StoredEvent } from './exerciseEvent.ts';
import {
  addHeadline,
  createExerciseState,
  refreshDesks,
  refreshUpcoming,
  replaceTexts,
  writeClock,
  writeExpectation,
} from './stateProjection.ts';
import { checkTlp } from './tlpRules.ts';

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
  /** Numbers action log entries; replays count the same way. */
  private actionCount = 0;

  constructor(options: SessionOptions) {
    this.scenario = options.scenario;
    this.engine = new ExerciseEngine(compileScenario(options.scenario));
    this.clock = createClock(options.speed ?? 1);
    this.state = createExerciseState(options.exerciseId, options.name, options.scenario);
    this.orgIds = new Set(options.scenario.organisations.map((o) => o.id));
    writeClock(this.state, this.clock, 0);
    this.refresh();
  }

  get nowMs(): number {
    return this.engine.now;
  }

  get status(): ExerciseClockState['status'] {
    return this.clock.status;
  }

  get lastEndReason(): string | undefined {
    return this.engine.snapshot().endReason;
  }

  /** Moves exercise time to what the clock shows at `wallMs`; returns what that delivered. */
  tick(wallMs: number): Output[] {
    if (this.clock.status !== 'running') return [];
    return this.fromEffects(this.engine.advanceTo(Math.floor(exerciseTimeAt(this.clock, wallMs))));
  }

  /** Wall ms until the engine next has something due, for the room's timer. */
  wallDelayToNext(wallMs: number): number {
    const due = this.engine.nextDueAt();
    return due === undefined ? Infinity : wallDelayUntil(this.clock, due, wallMs);
  }

  /** Checks an intent against the exercise as it is now; changes nothing. */
  prepare<T extends IntentType>(type: T, intent: Intent<T>, seat: SessionSeat, wallMs: number): Prepared {
    const actor: Actor = { role: seat.role, participantId: seat.participantId, name: seat.name, organisation: seat.organisation };
    const event = (body: EventBody): Prepared => ({ ok: true, event: { atMs: this.engine.now, wallMs, actor, body } });
    const refuse = (code: ErrorCode, message: string): Prepared => ({ ok: false, code, message });
    const ended = this.engine.ended || this.clock.status === 'ended';
    const started = this.clock.status !== 'ready';

    switch (type) {
      case 'sync':
        return refuse(ERROR_CODES.NOT_ALLOWED, 'sync is answered by the room, not stored');
      case 'control.reissueCode': {
        const { seat: which } = intent as Intent<'control.reissueCode'>;
        const seats = ['control', 'evaluator', 'observer', 'screen', 'class', ...this.orgIds];
        if (!seats.includes(which)) return refuse(ERROR_CODES.INVALID_PAYLOAD, `no seat "${which}"; the seats are ${seats.join(', ')}`);
        return event({ type: 'code.reissued', seat: which });
      }
      case 'control.start':
        return this.clock.status === 'ready'
          ? event({ type: 'exercise.started' })
          : refuse(ERROR_CODES.ALREADY_STARTED, 'the exercise has already started');
      case 'control.pause':
        return this.clock.status === 'running'
          ? event({ type: 'clock.paused' })
          : refuse(ERROR_CODES.NOT_ALLOWED, `the clock is ${this.clock.status}, not running`);
      case 'control.resume':
        return this.clock.status === 'paused'
          ? event({ type: 'clock.resumed' })
          : refuse(ERROR_CODES.NOT_ALLOWED, `the clock is ${this.clock.status}, not paused`);
      case 'control.speed':
        return event({ type: 'clock.speed', speed: (intent as Intent<'control.speed'>).speed });
    }
    // After the end people still write: messages, log entries and acknowledgements are taken; actions are not [T6].
    if (!started && type !== 'observation.record') return refuse(ERROR_CODES.NOT_STARTED, 'the exercise has not started');

    switch (type) {
      case 'acknowledge': {
        const { inject } = intent as Intent<'acknowledge'>;
        const view = this.injectsById.get(inject);
        if (!view || !canSee(this.injectAudience(view), seat))
          return refuse(ERROR_CODES.UNKNOWN_INJECT, `no inject "${inject}" has reached you`);
        return event({ type: 'inject.acknowledged', inject, organisation: seat.organisation! });
      }
      case 'act': {
        const { action, text } = intent as Intent<'act'>;
        const refusal = this.engine.refusal(action, seat.organisation!);
        if (refusal) return refuse(refusal.code, refusal.message);
        if (this.scenario.actions.find((a) => a.id === action)?.report && !text?.trim())
          return refuse(ERROR_CODES.REPORT_REQUIRED, `"${action}" needs a written report`);
        return event({
          type: 'action.taken',
          action,
          organisation: seat.organisation!,
          ...(seat.seat ? { seat: seat.seat } : {}),
          ...(text ? { text } : {}),
          byControl: false,
        });
      }
      case 'control.actAs': {
        const { organisation, action, text } = intent as Intent<'control.actAs'>;
        if (!this.orgIds.has(organisation)) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${organisation}"`);
        const refusal = this.engine.refusal(action, organisation);
        if (refusal) return refuse(refusal.code, refusal.message);
        return event({ type: 'action.taken', action, organisation, ...(text ? { text } : {}), byControl: true });
      }
      case 'message.send':
        return this.prepareMessage(intent as Intent<'message.send'>, seat, event, refuse);
      case 'log.write': {
        const { kind, text } = intent as Intent<'log.write'>;
        return event({ type: 'log.written', organisation: seat.organisation!, kind, text });
      }
      case 'observation.record': {
        const o = intent as Intent<'observation.record'>;
        if (o.organisation !== undefined && !this.orgIds.has(o.organisation))
          return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${o.organisation}"`);
        if (o.objective !== undefined && !this.scenario.objectives.some((x) => x.id === o.objective))
          return refuse(ERROR_CODES.UNKNOWN_OBJECTIVE, `unknown objective "${o.objective}"`);
        if (o.inject !== undefined && !this.injectsById.has(o.inject))
          return refuse(ERROR_CODES.UNKNOWN_INJECT, `inject "${o.inject}" has not been delivered`);
        return event({
          type: 'observation.recorded',
          text: o.text,
          ...(o.inject ? { inject: o.inject } : {}),
          ...(o.organisation ? { organisation: o.organisation } : {}),
          ...(o.objective ? { objective: o.objective } : {}),
        });
      }
    }
    if (ended && type !== 'control.goto') return refuse(ERROR_CODES.EXERCISE_ENDED, 'the exercise has ended');
    const control = this.controlCommand(type, intent);
    if (!control) return refuse(ERROR_CODES.UNKNOWN_MESSAGE, `unknown intent "${type}"`);
    const check = this.dryRunControl(control.command);
    return check ?? event(control.body);
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
        this.state.desks.get(body.organisation)?.acknowledged.set(body.inject, event.atMs);
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
      default: {
        const control = this.controlCommand(body.type, body);
        if (control) {
          const result = this.engine.control(control.command);
          if (result.ok) outputs.push(...this.fromEffects(result.effects));
        }
      }
    }
    if (this.engine.ended && this.clock.status !== 'ended') this.clock = endClock(this.clock, event.wallMs);
    if (!this.engine.ended && this.clock.status === 'ended') this.clock = pauseClock({ ...this.clock, status: 'running' }, event.wallMs); // reopened by a jump [P8]
    writeClock(this.state, this.clock, event.wallMs);
    this.refresh();
    return outputs;
  }

  /** Everything a seat may see so far, in order: for a late joiner or a reconnecting device. */
  historyFor(viewer: Viewer): { injects: InjectView[]; messages: MessageView[]; logs: LogEntryView[] } {
    const visible = this.history.filter((o) => canSee(o.audience, viewer));
    return {
      injects: visible.flatMap((o) => (o.kind === 'inject' ? [this.forViewer(o.view, viewer)] : [])),
      messages: visible.flatMap((o) => (o.kind === 'message' ? [o.view] : [])),
      logs: visible.flatMap((o) => (o.kind === 'log' ? [o.view] : [])),
    };
  }

  /** Participants do not see what is expected of them; staff do. */
  forViewer(view: InjectView, viewer: Viewer): InjectView {
    if (viewer.role === 'participant' || viewer.role === 'screen') {
      const { expects: _hidden, ...rest } = view;
      return rest;
    }
    return view;
  }

  injectAudience(view: InjectView): Audience {
    return audienceOf(view.to, { screen: view.public });
  }

  private prepareMessage(
    m: Intent<'message.send'>,
    seat: SessionSeat,
    event: (b: EventBody) => Prepared,
    refuse: (c: ErrorCode, msg: string) => Prepared,
  ): Prepared {
    let from = seat.organisation;
    let simulated = false;
    if (seat.role === 'control') {
      if (m.as !== undefined) {
        if (!this.orgIds.has(m.as)) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${m.as}"`);
        from = m.as;
        simulated = true;
      } else from = 'control';
    } else if (m.as !== undefined) return refuse(ERROR_CODES.NOT_ALLOWED, 'only Control may speak for another organisation');
    const to = [...new Set(m.to)].filter((t) => t !== from);
    const unknown = to.find((t) => !this.orgIds.has(t));
    if (unknown !== undefined) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${unknown}"`);
    if (to.length === 0) return refuse(ERROR_CODES.INVALID_PAYLOAD, 'a message needs at least one other organisation among its recipients');
    let forwarded: { tlp: InjectView['tlp']; audience: string[] } | undefined;
    if (m.forward) {
      if (m.forward.kind === 'inject') {
        const view = this.injectsById.get(m.forward.id);
        if (!view || !canSee(this.injectAudience(view), seat))
          return refuse(ERROR_CODES.UNKNOWN_INJECT, `no inject "${m.forward.id}" has reached you`);
        forwarded = {
          tlp: view.tlp,
          audience: [...view.to.map((a) => a.split('/')[0]!), ...(this.orgIds.has(view.from) ? [view.from] : [])],
        };
      } else {
        const found = this.messagesById.get(m.forward.id);
        if (!found || !canSee(found.audience, seat))
          return refuse(ERROR_CODES.UNKNOWN_MESSAGE_ID, `no message "${m.forward.id}" has reached you`);
        forwarded = { tlp: found.view.tlp, audience: [found.view.from, ...found.view.to] };
      }
    }
    const everyone = to.length === this.orgIds.size - (this.orgIds.has(from ?? '') ? 1 : 0);
    const check = checkTlp({ tlp: m.tlp, to, everyone }, forwarded);
    if (!check.ok) return refuse(ERROR_CODES.TLP_VIOLATION, check.message);
    return event({
      type: 'message.sent',
      from: from ?? 'control',
      to,
      tlp: m.tlp,
      subject: m.subject,
      body: m.body,
      ...(m.forward ? { forward: m.forward } : {}),
      simulated,
    });
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

  private controlCommand(type: string, payload: unknown): { command: ControlCommand; body: EventBody } | undefined {
    const p = payload as Record<string, unknown>;
    switch (type) {
      case 'control.fireNext':
        return { command: { type: 'fireNext' }, body: { type: 'control.fireNext' } };
      case 'control.end':
        return { command: { type: 'end' }, body: { type: 'control.end' } };
      case 'control.goto':
        return { command: { type: 'goto', phase: p.phase as string }, body: { type: 'control.goto', phase: p.phase as string } };
      case 'control.indicator':
        return {
          command: { type: 'setIndicator', indicator: p.indicator as string, value: p.value as number },
          body: { type: 'control.indicator', indicator: p.indicator as string, value: p.value as number },
        };
      case 'control.escalation':
        return {
          command: { type: 'setEscalation', level: p.level as string },
          body: { type: 'control.escalation', level: p.level as string },
        };
      case 'control.adhoc': {
        const source = (p.inject ?? p) as Extract<EventBody, { type: 'control.adhoc' }>['inject'];
        const inject = {
          channel: source.channel,
          from: source.from,
          to: source.to,
          tlp: source.tlp,
          title: source.title,
          body: source.body,
        };
        return { command: { type: 'adhoc', inject }, body: { type: 'control.adhoc', inject } };
      }
      default:
        return undefined;
    }
  }

  /** Refuses a control command the engine would refuse, without running it. */
  private dryRunControl(command: ControlCommand): Prepared | undefined {
    const s = this.scenario;
    const refuse = (code: ErrorCode, message: string): Prepared => ({ ok: false, code, message });
    switch (command.type) {
      case 'goto':
        return s.phases.some((p) => p.id === command.phase)
          ? undefined
          : refuse(ERROR_CODES.UNKNOWN_PHASE, `unknown phase "${command.phase}"`);
      case 'setIndicator':
        return s.indicators.some((i) => i.id === command.indicator)
          ? undefined
          : refuse(ERROR_CODES.UNKNOWN_INDICATOR, `unknown indicator "${command.indicator}"`);
      case 'setEscalation':
        return s.escalation.levels.some((l) => l.id === command.level)
          ? undefined
          : refuse(ERROR_CODES.UNKNOWN_LEVEL, `unknown escalation level "${command.level}"`);
      case 'fireNext':
        return this.engine.upcoming(1).length ? undefined : refuse(ERROR_CODES.NOTHING_UPCOMING, 'no inject is scheduled');
      case 'adhoc': {
        const unknown = command.inject.to.find((t) => !this.orgIds.has(t.split('/')[0]!));
        if (unknown !== undefined) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown recipient "${unknown}"`);
        return undefined;
      }
      case 'end':
        return undefined;
    }
  }

  /** Turns engine effects into state changes and things to send. */
  private fromEffects(effects: readonly Effect[], author = 'SimCell'): Output[] {
    const outputs: Output[] = [];
    const state = this.state;
    for (const effect of effects) {
      switch (effect.type) {
        case 'inject.delivered': {
          const view = this.injectView(effect.inject, effect.at, effect.cause === 'control-adhoc');
          this.injectsById.set(view.id, view);
          if (view.public) addHeadline(state, view.id, view.atMs, view.channel, view.title);
          outputs.push(this.remember({ kind: 'inject', view, audience: this.injectAudience(view) }));
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
        case 'expectation.scored':
          writeExpectation(state, effect.expectation);
          break;
        case 'exercise.ended':
          state.control.endReason = effect.reason;
          break;
      }
    }
    if (effects.length) this.refresh();
    return outputs;
  }

  private injectView(inject: Inject, atMs: number, adhoc: boolean): InjectView {
    const persona = this.scenario.personas.find((p) => p.id === inject.from);
    const org = this.scenario.organisations.find((o) => o.id === inject.from);
    return {
      id: inject.id,
      atMs,
      channel: inject.channel,
      from: inject.from,
      fromName: { ...(persona?.name ?? org?.name ?? { [this.scenario.languages[0]!]: inject.from }) },
      to: inject.to,
      tlp: inject.tlp,
      title: { ...inject.title },
      body: { ...inject.body },
      public: (inject.channel === 'news' || inject.channel === 'social') && inject.tlp === 'TLP:CLEAR',
      adhoc,
      expects: inject.expects.map((e) => ({ action: e.action, by: e.by, withinSeconds: e.withinSeconds, objective: e.objective })),
    };
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
    for (const org of refreshDesks(this.state, this.engine)) this.changedDesks.add(org);
    if (refreshUpcoming(this.state, this.engine)) this.controlChanged = true;
    for (const e of this.engine.snapshot().expectations) if (!this.state.control.expectations.has(e.id)) writeExpectation(this.state, e);
  }
}
