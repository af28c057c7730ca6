import { cancel, enqueueActions, raise, setup, type AnyStateMachine } from 'xstate';
import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { CompiledScenario, ExerciseContext, FollowUp } from './compileScenario.ts';
import { tookEvent } from './compileScenario.ts';
import { evaluateCondition } from './evaluateCondition.ts';

/** Events the machine accepts; the engine builds them after it has authorised the request. */
export type ExerciseEvent =
  | { type: `action.${string}`; by: string }
  | { type: `took.${string}` }
  | { type: `control.goto.${string}` }
  | { type: 'control.end' }
  | { type: 'control.indicator'; indicator: string; value: number }
  | { type: 'control.escalation'; level: number }
  | { type: 'phase.due' | 'timeline.due'; group: number }
  | { type: 'inject.effects'; inject: string };

/** What the machine emits; the engine turns these into effects. */
export type MachineEmitted =
  | { type: 'phase'; phase: string }
  | { type: 'deliver'; injects: readonly string[] }
  | { type: 'followUps'; followUps: readonly FollowUp[]; by: string }
  | { type: 'indicator'; indicator: string; value: number; previous: number }
  | { type: 'escalation'; level: number; previous: number }
  | { type: 'ended'; reason: string };

/**
 * Supplies the implementations that the compiled definition names. Every action only assigns context or
 * emits: the machine decides, the engine (and behind it the room) acts. `now` gives exercise time for the
 * delays that count from the exercise start; nothing here reads the wall clock [T5].
 */
export function createExerciseMachine(compiled: CompiledScenario, now: () => number): AnyStateMachine {
  const { scenario } = compiled;
  const bounds = new Map(scenario.indicators.map((i) => [i.id, i]));
  const clamp = (id: string, value: number) => {
    const b = bounds.get(id);
    return b ? Math.min(b.max, Math.max(b.min, value)) : value; // [I2]
  };
  const holds = (condition: Condition, context: ExerciseContext) => evaluateCondition(condition, context, scenario);
  /** [I2] deltas added and clamped; the indicators that actually moved. */
  const applyDeltas = (current: Readonly<Record<string, number>>, deltas: Readonly<Record<string, number>>) => {
    const indicators = { ...current };
    const changes: Extract<MachineEmitted, { type: 'indicator' }>[] = [];
    for (const [id, delta] of Object.entries(deltas)) {
      const previous = indicators[id] ?? 0;
      const value = clamp(id, previous + delta);
      if (value === previous) continue;
      indicators[id] = value;
      changes.push({ type: 'indicator', indicator: id, value, previous });
    }
    return { indicators, changes };
  };
  const injectEffects = new Map(scenario.injects.flatMap((i) => (i.effects ? [[i.id, i.effects] as const] : [])));
  const levelIndex = (id: string) => scenario.escalation.levels.findIndex((l) => l.id === id);

  const delays = Object.fromEntries(
    Object.entries(compiled.delays).map(([name, d]) => [
      name,
      d.kind === 'relative' ? d.ms : () => (d.ms >= now() ? d.ms - now() : Infinity),
    ]),
  );

  const logic = setup({
    types: {
      context: {} as ExerciseContext,
      events: {} as ExerciseEvent,
      emitted: {} as MachineEmitted,
    },
    delays,
    guards: {
      condition: ({ context }, params: { condition: Condition }) => holds(params.condition, context),
      thresholdDue: ({ context }, params: { inject: string; condition: Condition }) =>
        !context.triggered[params.inject] && holds(params.condition, context),
    },
    actions: {
      enterPhase: enqueueActions(({ enqueue }, params: { phase: string }) => {
        enqueue.assign({ phase: params.phase });
        enqueue.emit({ type: 'phase', phase: params.phase });
      }),
      deliver: enqueueActions(({ enqueue }, params: { injects: readonly string[] }) => {
        enqueue.emit({ type: 'deliver', injects: params.injects });
      }),
      // One delayed event per inject group, all of one type, ids unique per schedule [J2][J3].
      armSchedule: enqueueActions(({ enqueue }, params: { schedule: string; event: 'phase.due' | 'timeline.due'; absolute: boolean }) => {
        const groups = compiled.schedules[params.schedule] ?? [];
        const elapsed = params.absolute ? now() : 0;
        groups.forEach((group, index) => {
          if (group.ms < elapsed) return; // a timeline group that fell due while the exercise was ended [P8]
          enqueue.raise({ type: params.event, group: index }, { delay: group.ms - elapsed, id: `${params.schedule}#${index}` });
        });
      }),
      disarmSchedule: enqueueActions(({ enqueue }, params: { schedule: string }) => {
        const groups = compiled.schedules[params.schedule] ?? [];
        for (let index = 0; index < groups.length; index++) enqueue(cancel(`${params.schedule}#${index}`));
      }),
      deliverScheduled: enqueueActions(({ event, enqueue }, params: { schedule: string }) => {
        if (event.type !== 'phase.due' && event.type !== 'timeline.due') return;
        const group = compiled.schedules[params.schedule]?.[event.group];
        if (group) enqueue.emit({ type: 'deliver', injects: group.injects });
      }),
      deliverFollowUps: enqueueActions(({ event, enqueue }, params: { followUps: readonly FollowUp[] }) => {
        const by = 'by' in event ? event.by : '';
        const due = params.followUps.filter((f) => f.by === undefined || f.by === by);
        if (due.length) enqueue.emit({ type: 'followUps', followUps: due, by });
      }),
      markTriggered: enqueueActions(({ context, enqueue }, params: { inject: string }) => {
        enqueue.assign({ triggered: { ...context.triggered, [params.inject]: true } });
      }),
      recordAction: enqueueActions(({ context, event, enqueue }, params: { action: string }) => {
        const by = 'by' in event ? event.by : '';
        enqueue.assign({ taken: { ...context.taken, [params.action]: [...(context.taken[params.action] ?? []), by] } });
      }),
      adjustIndicators: enqueueActions(({ context, enqueue }, params: { deltas: Readonly<Record<string, number>> }) => {
        const { indicators, changes } = applyDeltas(context.indicators, params.deltas);
        enqueue.assign({ indicators });
        for (const change of changes) enqueue.emit(change);
      }),
      // [J11] an inject's effects, sent by the engine right after it delivered the inject.
      applyInjectEffects: enqueueActions(({ context, event, enqueue }) => {
        const effects = event.type === 'inject.effects' ? injectEffects.get(event.inject) : undefined;
        if (!effects) return;
        const { indicators, changes } = applyDeltas(context.indicators, effects.indicators);
        enqueue.assign({ indicators });
        for (const change of changes) enqueue.emit(change);
        const level = effects.escalation === undefined ? -1 : levelIndex(effects.escalation);
        if (level > context.escalation) {
          enqueue.assign({ escalation: level });
          enqueue.emit({ type: 'escalation', level, previous: context.escalation });
        }
      }),
      overrideIndicator: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'control.indicator') return;
        const previous = context.indicators[event.indicator] ?? 0;
        const value = clamp(event.indicator, event.value);
        if (value === previous) return;
        enqueue.assign({ indicators: { ...context.indicators, [event.indicator]: value } });
        enqueue.emit({ type: 'indicator', indicator: event.indicator, value, previous });
      }),
      raiseEscalation: enqueueActions(({ context, enqueue }, params: { level: number }) => {
        if (params.level <= context.escalation) return; // [E2]
        enqueue.assign({ escalation: params.level });
        enqueue.emit({ type: 'escalation', level: params.level, previous: context.escalation });
      }),
      overrideEscalation: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'control.escalation' || event.level === context.escalation) return; // [E3]
        enqueue.assign({ escalation: event.level });
        enqueue.emit({ type: 'escalation', level: event.level, previous: context.escalation });
      }),
      raiseTook: raise((_, params: { action: string }) => ({ type: tookEvent(params.action) }) as ExerciseEvent),
      endExercise: enqueueActions(({ enqueue }, params: { reason: string }) => {
        enqueue.emit({ type: 'ended', reason: params.reason });
      }),
    },
  });
  // The definition is JSON that names the implementations above; XState's config type cannot follow names
  // through a JSON value, hence the cast.
  return logic.createMachine(compiled.machine as unknown as Parameters<typeof logic.createMachine>[0]);
}
