import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { Action, Scenario } from '../../shared/scenario/scenario.ts';
import type { ExerciseContext } from '../engine/compileScenario.ts';
import { effectSources, type Coverage } from './coverage.ts';

/**
 * What a goal-directed path tries, once the exercise is in `phase` (anywhere, without one): stay there
 * (`hold`), make `condition` hold by taking every open action that pushes towards it, and then take
 * `trigger`. `diligent` also answers every expectation at once (for objectives); `early` pushes from the
 * start, for a threshold that must be reached before the phase. Goals come from the
 * targets no path has reached yet, so that a threshold that needs several actions in a row, or a phase
 * that must last, is tried on purpose rather than by luck.
 */
export interface Goal {
  readonly id: string;
  readonly phase?: string;
  readonly condition?: Condition;
  readonly trigger?: { readonly action: string; readonly by?: string };
  readonly hold?: boolean;
  readonly diligent?: boolean;
  /** Push towards the condition from the start, in every phase, not only once in `phase`. */
  readonly early?: boolean;
}

/** The goals for every target still unreached whose place (phase) some path has reached. */
export function goalsFor(scenario: Scenario, coverage: Coverage): Goal[] {
  const goals: Omit<Goal, 'id'>[] = [];
  const reached = (phase: string | undefined) => phase === undefined || coverage.phases.has(phase);
  for (const phase of scenario.phases) {
    if (!coverage.phases.has(phase.id)) continue;
    for (const t of phase.on)
      if (!coverage.moves.has(`${phase.id}>${t.goto}`)) goals.push({ phase: phase.id, trigger: { action: t.action }, condition: t.if });
    for (const t of phase.after) if (!coverage.moves.has(`${phase.id}>${t.goto}`)) goals.push({ phase: phase.id, hold: true });
    for (const t of phase.when) if (!coverage.moves.has(`${phase.id}>${t.goto}`)) goals.push({ phase: phase.id, condition: t.if });
  }
  for (const inject of scenario.injects) {
    if (coverage.injects.has(inject.id) || !reached(inject.phase)) continue;
    const trigger = inject.trigger;
    const phase = inject.phase;
    if (trigger.kind === 'at' && phase !== undefined) goals.push({ phase, hold: true });
    else if (trigger.kind === 'on') goals.push({ phase, trigger: { action: trigger.action, by: trigger.by } });
    else if (trigger.kind === 'when') goals.push({ phase, condition: trigger.condition });
  }
  for (const action of scenario.actions) {
    if (coverage.actions.has(action.id) || !action.when) continue;
    for (const phase of action.phases ?? [undefined]) if (reached(phase)) goals.push({ phase, condition: action.when });
  }
  // [K6] An effect that has not changed its indicator yet: get the indicator off the bound it pushes towards.
  for (const [source, deltas] of effectSources(scenario)) {
    for (const [id, delta] of Object.entries(deltas)) {
      const key = `${source.kind}:${source.id}:${id}`;
      const indicator = scenario.indicators.find((i) => i.id === id);
      if (!indicator || !coverage.effectTargets.has(key) || (coverage.effects.get(key)?.changed ?? 0) > 0) continue;
      const condition: Condition = delta > 0 ? { indicator: id, below: indicator.max } : { indicator: id, above: indicator.min };
      if (source.kind === 'action') {
        const action = scenario.actions.find((a) => a.id === source.id)!;
        for (const phase of action.phases ?? [undefined])
          if (reached(phase)) goals.push({ phase, condition, trigger: { action: action.id } });
      } else {
        const phase = source.kind === 'phase' ? source.id : scenario.injects.find((i) => i.id === source.id)?.phase;
        goals.push({ phase, condition, early: true });
      }
    }
  }
  for (const objective of scenario.objectives)
    if (!coverage.objectives.has(objective.id))
      goals.push({ diligent: true, ...(objective.requires ? { condition: objective.requires } : {}) });
  const unique = new Map<string, Goal>();
  for (const goal of [
    ...goals,
    ...goals.filter((g) => g.phase !== undefined && g.condition && !g.early).map((g) => ({ ...g, early: true })),
  ]) {
    const id = JSON.stringify(goal);
    unique.set(id, { id, ...goal });
  }
  return [...unique.values()];
}

/** Which way a condition wants things to move: indicators up or down, actions taken or not, a level reached. */
export interface Direction {
  readonly indicators: ReadonlyMap<string, 'up' | 'down'>;
  readonly take: ReadonlySet<string>;
  readonly avoid: ReadonlySet<string>;
  readonly level: number;
}

/**
 * The direction of a condition, and of what opens the actions it needs: an action that must be taken brings
 * its own `when` along (`push-firmware-now` needs `release-firmware` first) [A1].
 */
export function directionOf(condition: Condition | undefined, scenario: Scenario, trigger?: string): Direction {
  const indicators = new Map<string, 'up' | 'down'>();
  const take = new Set<string>();
  const avoid = new Set<string>();
  const opened = new Set<string>();
  let level = -1;
  const needs = (action: string) => {
    if (opened.has(action)) return;
    opened.add(action);
    const when = scenario.actions.find((a) => a.id === action)?.when;
    if (when) visit(when);
  };
  const visit = (c: Condition): void => {
    if ('indicator' in c) {
      const up = c.above !== undefined || c.atLeast !== undefined;
      const down = c.below !== undefined || c.atMost !== undefined;
      if (up !== down) indicators.set(c.indicator, up ? 'up' : 'down');
    } else if ('escalation' in c)
      level = Math.max(
        level,
        scenario.escalation.levels.findIndex((l) => l.id === c.escalation),
      );
    else if ('action' in c) {
      (c.not ? avoid : take).add(c.action);
      if (!c.not) needs(c.action);
    } else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
  };
  if (condition) visit(condition);
  if (trigger !== undefined) needs(trigger);
  // What opens the actions that push the indicators the right way: keep-watching (+600 fraud) needs
  // authorise-interception first. Repeated until nothing new is needed.
  for (let size = -1; size !== opened.size;) {
    size = opened.size;
    for (const action of scenario.actions) if (helps(action, { indicators, take, avoid, level }, scenario)) needs(action.id);
  }
  return { indicators, take, avoid, level };
}

/** Whether taking the action moves the exercise towards the condition, and nothing it needs the other way. */
export function helps(action: Action, direction: Direction, scenario: Scenario): boolean {
  if (direction.avoid.has(action.id)) return false;
  if (direction.take.has(action.id)) return true;
  let towards = false;
  for (const [indicator, delta] of Object.entries(action.effects.indicators)) {
    const wanted = direction.indicators.get(indicator);
    if (wanted === undefined || delta === 0) continue;
    if (delta > 0 !== (wanted === 'up')) return false;
    towards = true;
  }
  const level =
    action.effects.escalation === undefined ? -1 : scenario.escalation.levels.findIndex((l) => l.id === action.effects.escalation);
  return towards || (direction.level >= 0 && level >= direction.level);
}

/** The context after an organisation takes an action, before the machine moves: what a guard of [P2] sees. */
export function contextAfter(context: ExerciseContext, action: Action, by: string, scenario: Scenario): ExerciseContext {
  const indicators = { ...context.indicators };
  for (const [id, delta] of Object.entries(action.effects.indicators)) {
    const indicator = scenario.indicators.find((i) => i.id === id);
    if (indicator) indicators[id] = Math.min(indicator.max, Math.max(indicator.min, (indicators[id] ?? 0) + delta));
  }
  const level =
    action.effects.escalation === undefined ? -1 : scenario.escalation.levels.findIndex((l) => l.id === action.effects.escalation);
  return {
    ...context,
    indicators,
    escalation: Math.max(context.escalation, level),
    taken: { ...context.taken, [action.id]: [...(context.taken[action.id] ?? []), by] },
  };
}
