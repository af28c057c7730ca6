import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { Inject, Phase, Scenario } from '../../shared/scenario/scenario.ts';

/**
 * Compiles a normalised scenario into an XState machine *definition*: plain JSON that names its actions,
 * guards and delays. Pure — no implementations, no side effects, the same output for the same input.
 * The engine (createExerciseEngine.ts) supplies the implementations with setup().
 *
 * Shape:
 *   running (parallel)
 *     effects   — applies every action's effects and raises `took.<action>` [A3]
 *     timeline  — timeline injects [J3], threshold injects [J5], the duration [T6]
 *     phases    — one state per phase [P1–P8]
 *   ended       — after [T6]; Control may jump back into a phase [P8]
 *
 * Timed injects are not one `after` entry each: a state with thousands of delayed transitions makes XState
 * scan them all for every new event type. Each phase (and the timeline) names a *schedule* instead — a table
 * of inject groups and their offsets — which entering the state arms as delayed `phase.due` / `timeline.due`
 * events of a single type, and leaving it cancels.
 */
export interface CompiledScenario {
  readonly scenario: Scenario;
  readonly machine: MachineDefinition;
  /** Named delays: `relative` counts from entering the state, `absolute` from the exercise start. */
  readonly delays: Readonly<Record<string, { readonly kind: 'relative' | 'absolute'; readonly ms: number }>>;
  /** Named schedules of timed injects: `phase:<id>` counts from entering the phase, `timeline` from the start. */
  readonly schedules: Readonly<Record<string, Schedule>>;
}

/** Inject groups due at an offset in ms, in time order; the injects of a group in file order [J10]. */
export type Schedule = readonly { readonly ms: number; readonly injects: readonly string[] }[];

export type ActionRef = { readonly type: string; readonly params?: unknown };
export type GuardRef = { readonly type: string; readonly params?: unknown };
export interface TransitionDefinition {
  readonly target?: string;
  readonly guard?: GuardRef;
  readonly actions?: readonly ActionRef[];
  readonly reenter?: boolean;
}
export interface StateDefinition {
  readonly type?: 'parallel';
  readonly initial?: string;
  readonly entry?: readonly ActionRef[];
  readonly exit?: readonly ActionRef[];
  readonly states?: Readonly<Record<string, StateDefinition>>;
  readonly on?: Readonly<Record<string, TransitionDefinition | readonly TransitionDefinition[]>>;
  readonly after?: Readonly<Record<string, TransitionDefinition>>;
  readonly always?: readonly TransitionDefinition[];
}
export interface MachineDefinition extends StateDefinition {
  readonly id: string;
  readonly context: ExerciseContext;
}

/** What guards read [C1]. Kept small: deliveries and expectations live in the engine, not here. */
export interface ExerciseContext {
  readonly indicators: Readonly<Record<string, number>>;
  /** Index into the scenario's escalation levels. */
  readonly escalation: number;
  readonly phase: string;
  /** Action id → organisations that took it, in order. */
  readonly taken: Readonly<Record<string, readonly string[]>>;
  /** Threshold injects that already fired [J5]. */
  readonly triggered: Readonly<Record<string, true>>;
}

export const MACHINE_ID = 'exercise';
export const PHASES_PATH = `#${MACHINE_ID}.running.phases`;
export const actionEvent = (action: string) => `action.${action}`;
export const tookEvent = (action: string) => `took.${action}`;
export const gotoEvent = (phase: string) => `control.goto.${phase}`;

/** A follow-up inject as the `deliverFollowUps` action receives it [J4]. */
export interface FollowUp {
  readonly inject: string;
  readonly by?: string;
  readonly delayMs: number;
}

export function compileScenario(scenario: Scenario): CompiledScenario {
  const delays: Record<string, { kind: 'relative' | 'absolute'; ms: number }> = {};
  const schedules: Record<string, Schedule> = {};
  const levelIndex = (id: string) => scenario.escalation.levels.findIndex((l) => l.id === id);
  const deliver = (injects: readonly string[]): ActionRef[] => (injects.length ? [{ type: 'deliver', params: { injects } }] : []);
  const timed = (list: readonly Inject[]) =>
    groupBy(
      list.filter((i) => i.trigger.kind === 'at'),
      (i) => (i.trigger.kind === 'at' ? i.trigger.seconds : 0),
    );
  const thresholds = (list: readonly Inject[]): TransitionDefinition[] =>
    list.flatMap((i) =>
      i.trigger.kind === 'when'
        ? [
            {
              guard: { type: 'thresholdDue', params: { inject: i.id, condition: i.trigger.condition } },
              actions: [{ type: 'markTriggered', params: { inject: i.id } }, ...deliver([i.id])],
            },
          ]
        : [],
    );
  const followUps = (list: readonly Inject[], action: string): FollowUp[] =>
    list.flatMap((i) =>
      i.trigger.kind === 'on' && i.trigger.action === action
        ? [{ inject: i.id, by: i.trigger.by, delayMs: i.trigger.delaySeconds * 1000 }]
        : [],
    );

  // The effects region: every action's effects, in the order of [A3].
  const timelineInjects = scenario.injects.filter((i) => i.phase === undefined);
  const effectsOn: Record<string, TransitionDefinition> = {
    'control.indicator': { actions: [{ type: 'overrideIndicator' }] },
    'control.escalation': { actions: [{ type: 'overrideEscalation' }] },
    'inject.effects': { actions: [{ type: 'applyInjectEffects' }] },
  };
  for (const action of scenario.actions) {
    const escalation =
      action.effects.escalation === undefined
        ? []
        : [{ type: 'raiseEscalation', params: { level: levelIndex(action.effects.escalation) } }];
    const timelineFollowUps = followUps(timelineInjects, action.id);
    effectsOn[actionEvent(action.id)] = {
      actions: [
        { type: 'recordAction', params: { action: action.id } },
        ...(Object.keys(action.effects.indicators).length
          ? [{ type: 'adjustIndicators', params: { deltas: action.effects.indicators } }]
          : []),
        ...escalation,
        ...(timelineFollowUps.length ? [{ type: 'deliverFollowUps', params: { followUps: timelineFollowUps } }] : []),
        { type: 'raiseTook', params: { action: action.id } },
      ],
    };
  }

  // The timeline region: absolute timers, threshold injects and the duration.
  schedules.timeline = scheduleOf(timed(timelineInjects));
  const timelineAfter: Record<string, TransitionDefinition> = {};
  delays.duration = { kind: 'absolute', ms: scenario.durationSeconds * 1000 };
  timelineAfter.duration = { target: `#${MACHINE_ID}.ended`, actions: [{ type: 'endExercise', params: { reason: 'duration' } }] };

  // The phases region.
  const phaseStates: Record<string, StateDefinition> = {};
  for (const phase of scenario.phases)
    phaseStates[phase.id] = compilePhase(phase, scenario, delays, schedules, { deliver, timed, thresholds, followUps, levelIndex });
  const gotoHandlers = (target: (phase: string) => string) =>
    Object.fromEntries(scenario.phases.map((p) => [gotoEvent(p.id), { target: target(p.id), reenter: true }]));

  const machine: MachineDefinition = {
    id: MACHINE_ID,
    initial: 'running',
    context: {
      indicators: Object.fromEntries(scenario.indicators.map((i) => [i.id, i.initial])),
      escalation: levelIndex(scenario.escalation.initial),
      phase: scenario.start,
      taken: {},
      triggered: {},
    },
    states: {
      running: {
        type: 'parallel',
        on: { 'control.end': { target: 'ended', actions: [{ type: 'endExercise', params: { reason: 'control' } }] } },
        states: {
          effects: { on: effectsOn },
          timeline: {
            initial: 'active',
            states: {
              active: {
                entry: [{ type: 'armSchedule', params: { schedule: 'timeline', event: 'timeline.due', absolute: true } }],
                exit: [{ type: 'disarmSchedule', params: { schedule: 'timeline' } }],
                on: { 'timeline.due': { actions: [{ type: 'deliverScheduled', params: { schedule: 'timeline' } }] } },
                after: timelineAfter,
                always: thresholds(timelineInjects),
              },
            },
          },
          phases: { initial: scenario.start, states: phaseStates, on: gotoHandlers((p) => `.${p}`) },
        },
      },
      ended: { on: gotoHandlers((p) => `${PHASES_PATH}.${p}`) },
    },
  };
  return { scenario, machine, delays, schedules };
}

function scheduleOf(byOffset: Map<number, Inject[]>): Schedule {
  return [...byOffset.entries()]
    .sort(([a], [b]) => a - b)
    .map(([seconds, injects]) => ({ ms: seconds * 1000, injects: injects.map((i) => i.id) }));
}

interface PhaseTools {
  deliver(injects: readonly string[]): ActionRef[];
  timed(list: readonly Inject[]): Map<number, Inject[]>;
  thresholds(list: readonly Inject[]): TransitionDefinition[];
  followUps(list: readonly Inject[], action: string): FollowUp[];
  levelIndex(id: string): number;
}

function compilePhase(
  phase: Phase,
  scenario: Scenario,
  delays: Record<string, { kind: 'relative' | 'absolute'; ms: number }>,
  schedules: Record<string, Schedule>,
  tools: PhaseTools,
): StateDefinition {
  const injects = scenario.injects.filter((i) => i.phase === phase.id);
  const byOffset = tools.timed(injects);
  const atEntry = byOffset.get(0) ?? [];
  byOffset.delete(0);
  const schedule = `phase:${phase.id}`;
  schedules[schedule] = scheduleOf(byOffset);
  const entry: ActionRef[] = [
    { type: 'enterPhase', params: { phase: phase.id } },
    ...(phase.escalation === undefined ? [] : [{ type: 'raiseEscalation', params: { level: tools.levelIndex(phase.escalation) } }]),
    ...(phase.effects && Object.keys(phase.effects.indicators).length
      ? [{ type: 'adjustIndicators', params: { deltas: phase.effects.indicators } }]
      : []),
    ...tools.deliver(atEntry.map((i) => i.id)),
  ];
  if (phase.end) {
    return {
      entry,
      always: [{ target: `#${MACHINE_ID}.ended`, actions: [{ type: 'endExercise', params: { reason: `phase:${phase.id}` } }] }],
    };
  }
  // [J2] armed on entry, cancelled on exit. Armed before `after` (XState adds those to the end of entry),
  // so an inject due at the moment its phase times out still comes [P3].
  entry.push({ type: 'armSchedule', params: { schedule, event: 'phase.due', absolute: false } });

  // [P3]
  const after: Record<string, TransitionDefinition> = {};
  for (const move of phase.after) {
    const name = `${phase.id}+${move.seconds}s`;
    delays[name] = { kind: 'relative', ms: move.seconds * 1000 };
    after[name] = { target: move.goto };
  }

  const on: Record<string, TransitionDefinition> = { 'phase.due': { actions: [{ type: 'deliverScheduled', params: { schedule } }] } };
  for (const action of new Set(injects.flatMap((i) => (i.trigger.kind === 'on' ? [i.trigger.action] : [])))) {
    on[actionEvent(action)] = { actions: [{ type: 'deliverFollowUps', params: { followUps: tools.followUps(injects, action) } }] };
  }
  for (const t of phase.on) on[tookEvent(t.action)] = guarded(t.goto, t.if);

  return {
    entry,
    exit: [{ type: 'disarmSchedule', params: { schedule } }],
    ...(Object.keys(after).length ? { after } : {}),
    on,
    always: [...tools.thresholds(injects), ...phase.when.map((w) => guarded(w.goto, w.if))],
  };
}

function guarded(target: string, condition: Condition | undefined): TransitionDefinition {
  return condition
    ? { target: `${PHASES_PATH}.${target}`, guard: { type: 'condition', params: { condition } } }
    : { target: `${PHASES_PATH}.${target}` };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
