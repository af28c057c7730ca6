import { createActor, type AnyActorRef } from 'xstate';
import { ERROR_CODES, type ErrorCode } from '../../shared/protocol/errorCodes.ts';
import type { Action, Inject, Scenario } from '../../shared/scenario/scenario.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import type { Channel } from '../../shared/scenario/scenarioSchema.ts';
import { actionEvent, gotoEvent, type CompiledScenario, type ExerciseContext } from './compileScenario.ts';
import { createExerciseMachine, type MachineEmitted } from './createExerciseMachine.ts';
import type { DeliveryCause, Effect, ExpectationRecord } from './effects.ts';
import { evaluateCondition } from './evaluateCondition.ts';
import { ExpectationBook } from './expectationBook.ts';
import { TimerQueue } from './timerQueue.ts';

export interface ActRequest {
  readonly action: string;
  readonly by: string;
  readonly seat?: string;
  readonly text?: string;
}

export interface AdhocInject {
  readonly channel: Channel;
  readonly from: string;
  readonly to: readonly string[];
  readonly tlp: TlpLabel;
  readonly title: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, string>>;
}

export type ControlCommand =
  | { readonly type: 'end' }
  | { readonly type: 'goto'; readonly phase: string }
  | { readonly type: 'setIndicator'; readonly indicator: string; readonly value: number }
  | { readonly type: 'setEscalation'; readonly level: string }
  | { readonly type: 'fireNext' }
  | { readonly type: 'adhoc'; readonly inject: AdhocInject };

export type EngineResult =
  { readonly ok: true; readonly effects: Effect[] } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

export interface Delivery {
  readonly inject: Inject;
  readonly at: number;
  readonly cause: DeliveryCause;
}

export interface TakenAction {
  readonly action: string;
  readonly by: string;
  readonly at: number;
  readonly seat?: string;
  readonly text?: string;
  readonly simulated: boolean;
}

export interface EngineOptions {
  /** Organisations SimCell plays in this exercise [O1]; by default the scenario's simulated ones. */
  readonly simulated?: readonly string[];
}

/**
 * Runs one exercise: the compiled machine on a timer queue in exercise time. Every call returns the effects
 * it caused, in order; the caller decides when time moves (advanceTo) — the engine never reads a clock [T5].
 * Same scenario, same calls at the same exercise times ⇒ same effects [D1].
 */
export class ExerciseEngine {
  readonly scenario: Scenario;
  private readonly timers = new TimerQueue();
  private readonly actor: AnyActorRef;
  private readonly simulated: ReadonlySet<string>;
  private readonly actions: ReadonlyMap<string, Action>;
  private readonly injects = new Map<string, Inject>();
  private readonly orderOf = new Map<string, number>();
  /** Timed injects per phase (undefined: the timeline), sorted by offset, for upcoming(). */
  private readonly timed = new Map<string | undefined, TimedInject[]>();
  private readonly book = new ExpectationBook();
  private readonly delivered = new Map<string, Delivery>();
  private readonly taken: TakenAction[] = [];
  /** Follow-ups waiting for their delay [J4]: inject id → due time. */
  private readonly followUpsDue = new Map<string, number>();
  private buffer: Effect[] = [];
  private started = false;
  private endedAtMs: number | undefined;
  private endReasonText: string | undefined;
  private phaseEnteredAt = 0;
  private adhocCount = 0;

  constructor(compiled: CompiledScenario, options: EngineOptions = {}) {
    this.scenario = compiled.scenario;
    this.scenario.injects.forEach((inject, order) => {
      this.injects.set(inject.id, inject);
      this.orderOf.set(inject.id, order);
      if (inject.trigger.kind !== 'at') return;
      const list = this.timed.get(inject.phase) ?? [];
      list.push({ inject, ms: inject.trigger.seconds * 1000, order });
      this.timed.set(inject.phase, list);
    });
    for (const list of this.timed.values()) list.sort((a, b) => a.ms - b.ms || a.order - b.order);
    this.actions = new Map(this.scenario.actions.map((a) => [a.id, a]));
    this.simulated = new Set(options.simulated ?? this.scenario.organisations.filter((o) => o.simulated).map((o) => o.id));
    const machine = createExerciseMachine(compiled, () => this.timers.now);
    this.actor = createActor(machine, { clock: this.timers });
    this.actor.on('*', (emitted: MachineEmitted) => this.onEmitted(emitted));
  }

  /** [T1] Exercise time 0: enters the first phase. */
  start(): Effect[] {
    if (this.started) return [];
    this.started = true;
    return this.collect(() => {
      this.actor.start();
      this.timers.advanceTo(0);
    });
  }

  /** [T4] Moves exercise time forward, firing everything due on the way. */
  advanceTo(ms: number): Effect[] {
    if (!this.started || ms < this.timers.now) return [];
    return this.collect(() => this.timers.advanceTo(ms));
  }

  /** When the next timer is due (an inject, a transition, a follow-up), if any. */
  nextDueAt(): number | undefined {
    return this.timers.nextDue();
  }

  /** The running machine, for development tools that watch it (the Stately inspector); never sent anything from outside. */
  get machineActor(): AnyActorRef {
    return this.actor;
  }

  get now(): number {
    return this.timers.now;
  }

  get ended(): boolean {
    return this.endedAtMs !== undefined;
  }

  /** Exercise ms at which it ended, while it is ended. */
  get endedAt(): number | undefined {
    return this.endedAtMs;
  }

  get endReason(): string | undefined {
    return this.endReasonText;
  }

  /** A player's (or a simulated organisation's) action [A1][A2][A3]. */
  act(request: ActRequest, simulated = false): EngineResult {
    const refusal =
      this.refusal(request.action, request.by) ??
      (this.actions.get(request.action)!.report && !request.text?.trim()
        ? refuse('REPORT_REQUIRED', `"${request.action}" needs a written report`)
        : undefined);
    if (refusal) return refusal;
    return {
      ok: true,
      effects: this.collect(() => {
        const at = this.timers.now;
        const record: TakenAction = {
          action: request.action,
          by: request.by,
          at,
          simulated,
          ...(request.seat ? { seat: request.seat } : {}),
          ...(request.text ? { text: request.text } : {}),
        };
        this.taken.push(record);
        this.buffer.push({ type: 'action.taken', ...record });
        // Scored before the machine moves, so an action that ends the exercise still answers its expectation;
        // reported after the machine's effects [A3].
        const answered = this.book.answer(request.action, request.by, at);
        this.actor.send({ type: actionEvent(request.action), by: request.by });
        for (const expectation of answered) this.buffer.push({ type: 'expectation.scored', at, expectation });
      }),
    };
  }

  /** Exercise Control's commands [E3][P8][principle 7]. */
  control(command: ControlCommand): EngineResult {
    if (!this.started) return refuse('NOT_STARTED', 'the exercise has not started');
    const scenario = this.scenario;
    switch (command.type) {
      case 'end':
        if (this.ended) return refuse('EXERCISE_ENDED', 'the exercise has already ended');
        return this.ok(() => this.actor.send({ type: 'control.end' }));
      case 'goto':
        if (!scenario.phases.some((p) => p.id === command.phase)) return refuse('UNKNOWN_PHASE', `unknown phase "${command.phase}"`);
        return this.ok(() => {
          this.endedAtMs = undefined;
          this.endReasonText = undefined;
          this.actor.send({ type: gotoEvent(command.phase) });
        });
      case 'setIndicator':
        if (!scenario.indicators.some((i) => i.id === command.indicator))
          return refuse('UNKNOWN_INDICATOR', `unknown indicator "${command.indicator}"`);
        return this.ok(() => this.actor.send({ type: 'control.indicator', indicator: command.indicator, value: command.value }));
      case 'setEscalation': {
        const level = scenario.escalation.levels.findIndex((l) => l.id === command.level);
        if (level < 0) return refuse('UNKNOWN_LEVEL', `unknown escalation level "${command.level}"`);
        return this.ok(() => this.actor.send({ type: 'control.escalation', level }));
      }
      case 'fireNext': {
        if (this.ended) return refuse('EXERCISE_ENDED', 'the exercise has ended');
        const next = this.upcoming(1)[0];
        if (!next) return refuse('NOTHING_UPCOMING', 'no inject is scheduled');
        return this.ok(() => this.deliver([next.inject.id], 'control-fire-next'));
      }
      case 'adhoc': {
        if (this.ended) return refuse('EXERCISE_ENDED', 'the exercise has ended');
        const unknown = command.inject.to.find((to) => !scenario.organisations.some((o) => o.id === to.split('/')[0]));
        if (unknown !== undefined) return refuse('UNKNOWN_ORGANISATION', `unknown recipient "${unknown}"`);
        const inject: Inject = {
          ...command.inject,
          id: `adhoc-${++this.adhocCount}`,
          trigger: { kind: 'at', seconds: Math.floor(this.now / 1000) },
          toAll: false,
          expects: [],
        };
        this.injects.set(inject.id, inject);
        return this.ok(() => this.deliver([inject.id], 'control-adhoc'));
      }
    }
  }

  /** Why this organisation may not take this action now, or undefined when it may [A1]. */
  refusal(actionId: string, organisation: string): Extract<EngineResult, { ok: false }> | undefined {
    if (!this.started) return refuse('NOT_STARTED', 'the exercise has not started');
    if (this.ended) return refuse('EXERCISE_ENDED', 'the exercise has ended');
    const action = this.actions.get(actionId);
    if (!action) return refuse('UNKNOWN_ACTION', `unknown action "${actionId}"`);
    if (!action.by.includes(organisation)) return refuse('ACTION_NOT_ALLOWED', `"${organisation}" may not take "${actionId}"`);
    const context = this.context;
    if (action.phases && !action.phases.includes(context.phase))
      return refuse('ACTION_NOT_ALLOWED', `"${actionId}" is not open in phase "${context.phase}"`);
    const takers = context.taken[actionId] ?? [];
    if (action.once === 'organisation' && takers.includes(organisation))
      return refuse('ACTION_NOT_ALLOWED', `"${organisation}" has already taken "${actionId}"`);
    if (action.once === 'exercise' && takers.length > 0) return refuse('ACTION_NOT_ALLOWED', `"${actionId}" has already been taken`);
    if (action.when && !evaluateCondition(action.when, context, this.scenario))
      return refuse('ACTION_NOT_ALLOWED', `"${actionId}" is not open now`);
    return undefined;
  }

  /** The actions open to an organisation now. */
  openActions(organisation: string): Action[] {
    return this.scenario.actions.filter((a) => this.refusal(a.id, organisation) === undefined);
  }

  /**
   * Scheduled injects not yet delivered, soonest first (what Control sees coming). Reads the timeline's and
   * the current phase's timed injects from lists sorted once, from the first one not yet due.
   */
  upcoming(limit = Infinity): { inject: Inject; dueAt: number }[] {
    if (this.ended) return [];
    const phase = this.context.phase;
    const candidates: { inject: Inject; dueAt: number; order: number }[] = [];
    const take = (list: readonly TimedInject[], base: number) => {
      let taken = 0;
      for (let i = firstDue(list, this.now - base); i < list.length && taken < limit; i++) {
        const { inject, ms, order } = list[i]!;
        if (this.delivered.has(inject.id) || this.followUpsDue.has(inject.id)) continue;
        candidates.push({ inject, dueAt: base + ms, order });
        taken++;
      }
    };
    take(this.timed.get(undefined) ?? [], 0);
    take(this.timed.get(phase) ?? [], this.phaseEnteredAt);
    for (const [id, dueAt] of this.followUpsDue)
      candidates.push({ inject: this.injects.get(id)!, dueAt, order: this.orderOf.get(id) ?? 0 });
    candidates.sort((a, b) => a.dueAt - b.dueAt || a.order - b.order);
    return candidates.slice(0, limit).map(({ inject, dueAt }) => ({ inject, dueAt }));
  }

  get context(): ExerciseContext {
    return (this.actor.getSnapshot() as { context: ExerciseContext }).context;
  }

  /** Everything the room and the reports read. */
  snapshot() {
    const context = this.context;
    return {
      now: this.now,
      started: this.started,
      ended: this.ended,
      endedAt: this.endedAtMs,
      endReason: this.endReasonText,
      phase: context.phase,
      phaseEnteredAt: this.phaseEnteredAt,
      indicators: context.indicators,
      escalation: this.scenario.escalation.levels[context.escalation]!.id,
      deliveries: [...this.delivered.values()],
      actions: [...this.taken],
      expectations: this.book.all(),
    };
  }

  private ok(run: () => void): EngineResult {
    return { ok: true, effects: this.collect(run) };
  }

  /** Runs `run` with a fresh effect buffer and returns what it collected; a nested call hands its effects back. */
  private collect(run: () => void): Effect[] {
    const outer = this.buffer;
    this.buffer = [];
    try {
      run();
      return this.buffer;
    } finally {
      this.buffer = outer;
    }
  }

  private onEmitted(emitted: MachineEmitted): void {
    const at = this.timers.now;
    const levels = this.scenario.escalation.levels;
    switch (emitted.type) {
      case 'phase':
        this.phaseEnteredAt = at;
        this.buffer.push({ type: 'phase.entered', at, phase: emitted.phase });
        break;
      case 'deliver':
        this.deliver(emitted.injects, 'scenario');
        break;
      case 'followUps':
        for (const f of emitted.followUps) {
          if (f.delayMs === 0) this.deliver([f.inject], 'scenario');
          else if (!this.delivered.has(f.inject) && !this.followUpsDue.has(f.inject)) {
            this.followUpsDue.set(f.inject, at + f.delayMs);
            this.timers.setTimeout(() => this.deliver([f.inject], 'scenario'), f.delayMs);
          }
        }
        break;
      case 'indicator':
        this.buffer.push({ type: 'indicator.changed', at, indicator: emitted.indicator, value: emitted.value, previous: emitted.previous });
        break;
      case 'escalation':
        this.buffer.push({ type: 'escalation.changed', at, level: levels[emitted.level]!.id, previous: levels[emitted.previous]!.id });
        break;
      case 'ended':
        this.endedAtMs = at;
        this.endReasonText = emitted.reason;
        this.buffer.push({ type: 'exercise.ended', at, reason: emitted.reason });
        for (const expectation of this.book.close()) this.buffer.push({ type: 'expectation.scored', at, expectation });
        break;
    }
  }

  /** [J6] at most once; [T6] nothing after the end. */
  private deliver(ids: readonly string[], cause: DeliveryCause): void {
    if (this.ended) return;
    const at = this.timers.now;
    for (const id of ids) {
      const inject = this.injects.get(id);
      if (!inject || this.delivered.has(id)) continue;
      this.followUpsDue.delete(id);
      this.delivered.set(id, { inject, at, cause });
      this.buffer.push({ type: 'inject.delivered', at, inject, cause });
      if (inject.effects) this.actor.send({ type: 'inject.effects', inject: id }); // queued behind what the machine is doing [J11]
      for (const expectation of this.book.open(inject, at)) {
        this.buffer.push({ type: 'expectation.opened', at, expectation });
        this.answerForSimulated(expectation, inject);
      }
    }
  }

  /** [X3] SimCell answers for the organisations it plays, unless the scenario leaves that to Control. */
  private answerForSimulated(expectation: ExpectationRecord, inject: Inject): void {
    if (!this.simulated.has(expectation.organisation)) return;
    const spec = inject.expects.find((e) => e.action === expectation.action && e.by.includes(expectation.organisation));
    if (!spec || spec.auto === 'control') return;
    const delayMs = (spec.auto ?? spec.withinSeconds / 2) * 1000;
    this.timers.setTimeout(() => {
      if (this.refusal(expectation.action, expectation.organisation) !== undefined) return; // closed since: it will be missed
      const action = this.actions.get(expectation.action)!;
      // [A5] a report's text has no effect on the machine; the simulation cell files a note saying so.
      const text = action.report ? `Reported by the simulation cell for ${expectation.organisation}.` : undefined;
      const result = this.act({ action: expectation.action, by: expectation.organisation, ...(text ? { text } : {}) }, true);
      if (result.ok) this.buffer.push(...result.effects);
    }, delayMs);
  }
}

function refuse(code: keyof typeof ERROR_CODES, message: string): Extract<EngineResult, { ok: false }> {
  return { ok: false, code: ERROR_CODES[code], message };
}

interface TimedInject {
  readonly inject: Inject;
  readonly ms: number;
  readonly order: number;
}

/** The index of the first entry whose offset is at least `ms` (binary search). */
function firstDue(list: readonly TimedInject[], ms: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.ms < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}
