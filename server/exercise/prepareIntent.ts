import { ERROR_CODES, type ErrorCode } from '../../shared/protocol/errorCodes.ts';
import type { Intent, IntentType } from '../../shared/protocol/intents.ts';
import type { InjectView, MessageView } from '../../shared/protocol/serverMessages.ts';
import type { ClockStatus } from '../../shared/exerciseClock.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { ControlCommand, ExerciseEngine } from '../engine/exerciseEngine.ts';
import { canSee, type Audience } from './audience.ts';
import type { Actor, EventBody } from './exerciseEvent.ts';
import type { Prepared, SessionSeat } from './exerciseSession.ts';
import { injectAudience } from './injectView.ts';
import { checkTlp } from './tlpRules.ts';

/**
 * Checking an intent against the exercise as it is now, and turning it into the event to store. Reads the
 * session, changes nothing: a refused intent leaves no trace [invariant: bad input changes no state].
 */
export interface IntentContext {
  readonly scenario: Scenario;
  readonly engine: Pick<ExerciseEngine, 'now' | 'ended' | 'refusal' | 'upcoming'>;
  readonly clockStatus: ClockStatus;
  readonly orgIds: ReadonlySet<string>;
  readonly injectsById: ReadonlyMap<string, InjectView>;
  readonly messagesById: ReadonlyMap<string, { view: MessageView; audience: Audience }>;
  /** The improvement plan's row ids so far. */
  readonly planItemIds: ReadonlySet<string>;
}

/** Checks an intent against the exercise as it is now; changes nothing. */
export function prepareIntent<T extends IntentType>(
  type: T,
  intent: Intent<T>,
  seat: SessionSeat,
  wallMs: number,
  ctx: IntentContext,
): Prepared {
  const actor: Actor = { role: seat.role, participantId: seat.participantId, name: seat.name, organisation: seat.organisation };
  const event = (body: EventBody): Prepared => ({ ok: true, event: { atMs: ctx.engine.now, wallMs, actor, body } });
  const refuse = (code: ErrorCode, message: string): Prepared => ({ ok: false, code, message });
  const ended = ctx.engine.ended || ctx.clockStatus === 'ended';
  const started = ctx.clockStatus !== 'ready';

  switch (type) {
    case 'sync':
      return refuse(ERROR_CODES.NOT_ALLOWED, 'sync is answered by the room, not stored');
    case 'control.reissueCode': {
      const { seat: which } = intent as Intent<'control.reissueCode'>;
      const seats = ['control', 'evaluator', 'observer', 'screen', 'class', ...ctx.orgIds];
      if (!seats.includes(which)) return refuse(ERROR_CODES.INVALID_PAYLOAD, `no seat "${which}"; the seats are ${seats.join(', ')}`);
      return event({ type: 'code.reissued', seat: which });
    }
    case 'control.start':
      return ctx.clockStatus === 'ready'
        ? event({ type: 'exercise.started' })
        : refuse(ERROR_CODES.ALREADY_STARTED, 'the exercise has already started');
    case 'control.pause':
      return ctx.clockStatus === 'running'
        ? event({ type: 'clock.paused' })
        : refuse(ERROR_CODES.NOT_ALLOWED, `the clock is ${ctx.clockStatus}, not running`);
    case 'control.resume':
      return ctx.clockStatus === 'paused'
        ? event({ type: 'clock.resumed' })
        : refuse(ERROR_CODES.NOT_ALLOWED, `the clock is ${ctx.clockStatus}, not paused`);
    case 'control.speed':
      return event({ type: 'clock.speed', speed: (intent as Intent<'control.speed'>).speed });
  }
  // After the end people still write: messages, log entries and acknowledgements are taken; actions are not [T6].
  if (!started && type !== 'observation.record') return refuse(ERROR_CODES.NOT_STARTED, 'the exercise has not started');
  const debrief = prepareDebrief(type, intent, ended, ctx, event, refuse, seat);
  if (debrief) return debrief;

  switch (type) {
    case 'acknowledge': {
      const { inject } = intent as Intent<'acknowledge'>;
      const view = ctx.injectsById.get(inject);
      if (!view || !canSee(injectAudience(view), seat)) return refuse(ERROR_CODES.UNKNOWN_INJECT, `no inject "${inject}" has reached you`);
      return event({ type: 'inject.acknowledged', inject, organisation: seat.organisation! });
    }
    case 'act': {
      const { action, text } = intent as Intent<'act'>;
      const refusal = ctx.engine.refusal(action, seat.organisation!);
      if (refusal) return refuse(refusal.code, refusal.message);
      if (ctx.scenario.actions.find((a) => a.id === action)?.report && !text?.trim())
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
      if (!ctx.orgIds.has(organisation)) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${organisation}"`);
      const refusal = ctx.engine.refusal(action, organisation);
      if (refusal) return refuse(refusal.code, refusal.message);
      return event({ type: 'action.taken', action, organisation, ...(text ? { text } : {}), byControl: true });
    }
    case 'message.send':
      return prepareMessage(ctx, intent as Intent<'message.send'>, seat, event, refuse);
    case 'log.write': {
      const { kind, text } = intent as Intent<'log.write'>;
      return event({ type: 'log.written', organisation: seat.organisation!, kind, text });
    }
    case 'observation.record': {
      const o = intent as Intent<'observation.record'>;
      if (o.organisation !== undefined && !ctx.orgIds.has(o.organisation))
        return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${o.organisation}"`);
      if (o.objective !== undefined && !ctx.scenario.objectives.some((x) => x.id === o.objective))
        return refuse(ERROR_CODES.UNKNOWN_OBJECTIVE, `unknown objective "${o.objective}"`);
      if (o.inject !== undefined && !ctx.injectsById.has(o.inject))
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
  const control = controlCommandOf(type, intent);
  if (!control) return refuse(ERROR_CODES.UNKNOWN_MESSAGE, `unknown intent "${type}"`);
  const check = dryRunControl(ctx, control.command);
  return check ?? event(control.body);
}

/** The debrief's intents [V1–V5, docs/scenario-spec.md]: ratings, the hot wash and Control's report edits. */
function prepareDebrief(
  type: IntentType,
  intent: unknown,
  ended: boolean,
  ctx: IntentContext,
  event: (b: EventBody) => Prepared,
  refuse: (c: ErrorCode, msg: string) => Prepared,
  seat: SessionSeat,
): Prepared | undefined {
  switch (type) {
    case 'objective.rate': {
      const r = intent as Intent<'objective.rate'>;
      if (!ctx.scenario.objectives.some((o) => o.id === r.objective))
        return refuse(ERROR_CODES.UNKNOWN_OBJECTIVE, `unknown objective "${r.objective}"; the objectives are ${objectiveIds(ctx)}`);
      return event({
        type: 'objective.rated',
        objective: r.objective,
        rating: r.rating,
        strengths: r.strengths,
        improvements: r.improvements,
      });
    }
    case 'hotwash.submit': {
      const h = intent as Intent<'hotwash.submit'>;
      if (!ended) return refuse(ERROR_CODES.NOT_ENDED, 'the hot wash opens when the exercise has ended');
      if (!h.wentWell && !h.toImprove) return refuse(ERROR_CODES.INVALID_PAYLOAD, 'write what went well, what to improve, or both');
      return event({ type: 'hotwash.submitted', organisation: seat.organisation!, wentWell: h.wentWell, toImprove: h.toImprove });
    }
    case 'report.summary':
      return event({ type: 'report.summaryWritten', text: (intent as Intent<'report.summary'>).text });
    case 'report.planItem': {
      const { item } = intent as Intent<'report.planItem'>;
      if (!ctx.orgIds.has(item.organisation))
        return refuse(
          ERROR_CODES.UNKNOWN_ORGANISATION,
          `unknown organisation "${item.organisation}" responsible for plan item "${item.id}"`,
        );
      if (item.objective !== undefined && !ctx.scenario.objectives.some((o) => o.id === item.objective))
        return refuse(ERROR_CODES.UNKNOWN_OBJECTIVE, `unknown objective "${item.objective}"; the objectives are ${objectiveIds(ctx)}`);
      return event({ type: 'report.planItemSet', item });
    }
    case 'report.planItemRemove': {
      const { id } = intent as Intent<'report.planItemRemove'>;
      if (!ctx.planItemIds.has(id)) return refuse(ERROR_CODES.UNKNOWN_PLAN_ITEM, `the improvement plan has no item "${id}"`);
      return event({ type: 'report.planItemRemoved', id });
    }
    case 'report.publish':
      return event({ type: 'report.published', published: (intent as Intent<'report.publish'>).published });
    default:
      return undefined;
  }
}

function objectiveIds(ctx: IntentContext): string {
  return ctx.scenario.objectives.map((o) => o.id).join(', ') || '(none)';
}

function prepareMessage(
  ctx: IntentContext,
  m: Intent<'message.send'>,
  seat: SessionSeat,
  event: (b: EventBody) => Prepared,
  refuse: (c: ErrorCode, msg: string) => Prepared,
): Prepared {
  let from = seat.organisation;
  let simulated = false;
  if (seat.role === 'control') {
    if (m.as !== undefined) {
      if (!ctx.orgIds.has(m.as)) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${m.as}"`);
      from = m.as;
      simulated = true;
    } else from = 'control';
  } else if (m.as !== undefined) return refuse(ERROR_CODES.NOT_ALLOWED, 'only Control may speak for another organisation');
  const to = [...new Set(m.to)].filter((t) => t !== from);
  const unknown = to.find((t) => !ctx.orgIds.has(t));
  if (unknown !== undefined) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown organisation "${unknown}"`);
  if (to.length === 0) return refuse(ERROR_CODES.INVALID_PAYLOAD, 'a message needs at least one other organisation among its recipients');
  let forwarded: { tlp: InjectView['tlp']; audience: string[] } | undefined;
  if (m.forward) {
    if (m.forward.kind === 'inject') {
      const view = ctx.injectsById.get(m.forward.id);
      if (!view || !canSee(injectAudience(view), seat))
        return refuse(ERROR_CODES.UNKNOWN_INJECT, `no inject "${m.forward.id}" has reached you`);
      forwarded = {
        tlp: view.tlp,
        audience: [...view.to.map((a) => a.split('/')[0]!), ...(ctx.orgIds.has(view.from) ? [view.from] : [])],
      };
    } else {
      const found = ctx.messagesById.get(m.forward.id);
      if (!found || !canSee(found.audience, seat))
        return refuse(ERROR_CODES.UNKNOWN_MESSAGE_ID, `no message "${m.forward.id}" has reached you`);
      forwarded = { tlp: found.view.tlp, audience: [found.view.from, ...found.view.to] };
    }
  }
  const everyone = to.length === ctx.orgIds.size - (ctx.orgIds.has(from ?? '') ? 1 : 0);
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

export function controlCommandOf(type: string, payload: unknown): { command: ControlCommand; body: EventBody } | undefined {
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
function dryRunControl(ctx: IntentContext, command: ControlCommand): Prepared | undefined {
  const s = ctx.scenario;
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
      return ctx.engine.upcoming(1).length ? undefined : refuse(ERROR_CODES.NOTHING_UPCOMING, 'no inject is scheduled');
    case 'adhoc': {
      const unknown = command.inject.to.find((t) => !ctx.orgIds.has(t.split('/')[0]!));
      if (unknown !== undefined) return refuse(ERROR_CODES.UNKNOWN_ORGANISATION, `unknown recipient "${unknown}"`);
      const everyone = new Set(command.inject.to.map((t) => t.split('/')[0]!)).size === ctx.orgIds.size;
      const tlp = checkTlp({ tlp: command.inject.tlp, to: command.inject.to, everyone });
      return tlp.ok ? undefined : refuse(ERROR_CODES.TLP_VIOLATION, tlp.message);
    }
    case 'end':
      return undefined;
  }
}
