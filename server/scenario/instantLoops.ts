import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { Phase, Scenario } from '../../shared/scenario/scenario.ts';
import type { ExerciseContext } from '../engine/compileScenario.ts';
import { evaluateCondition } from '../engine/evaluateCondition.ts';

/** A cycle of `when` transitions that can go round forever at one moment of exercise time [P9]. */
export interface InstantLoop {
  /** The phases in the order the exercise would move through them, the first repeated at the end. */
  readonly phases: readonly string[];
  /** The `when` entry (index) of the first phase that starts the round. */
  readonly whenIndex: number;
  /** Indicator values (and level) with which it goes round, as an example for the author. */
  readonly example: string;
}

const MAX_STEPS = 10_000;
const MAX_CONTEXTS = 20_000;

/**
 * [P9] Finds `when` transitions that chase each other: A moves to B when a condition holds, B back to A when
 * another holds, and both hold together — the machine would loop without time passing and the engine would
 * never return. Control can set any indicator and level and jump to any phase [E3][P8], so every context
 * within the bounds counts, not only the ones players reach: the check tries the values around every
 * threshold of the cycle's conditions, follows entry effects as the engine applies them [P5], and reports a
 * round that comes back to a state it has been in.
 */
export function findInstantLoops(scenario: Scenario): InstantLoop[] {
  const phases = new Map(scenario.phases.map((p) => [p.id, p]));
  const loops = new Map<string, InstantLoop>();
  for (const component of cyclicComponents(scenario)) {
    const conditions = component.flatMap((id) => phases.get(id)!.when.map((w) => w.if));
    for (const context of candidateContexts(scenario, component, conditions)) {
      for (const start of component) {
        const loop = followInstant(scenario, phases, start, context);
        if (!loop) continue;
        const key = [...loop.phases].slice(0, -1).sort().join(',');
        if (!loops.has(key)) loops.set(key, loop);
      }
      if (loops.size > 0) break;
    }
  }
  return [...loops.values()];
}

/** Enters `start` with `context` and follows `when` transitions as the engine would, until it settles or repeats. */
function followInstant(
  scenario: Scenario,
  phases: ReadonlyMap<string, Phase>,
  start: string,
  initial: ExerciseContext,
): InstantLoop | undefined {
  const bounds = new Map(scenario.indicators.map((i) => [i.id, i]));
  const levelOf = (id: string) => scenario.escalation.levels.findIndex((l) => l.id === id);
  let context = initial;
  let phase = phases.get(start)!;
  const seen = new Map<string, number>();
  const trail: { phase: string; whenIndex: number }[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const indicators = { ...context.indicators };
    for (const [id, delta] of Object.entries(phase.effects?.indicators ?? {})) {
      const b = bounds.get(id);
      if (b) indicators[id] = Math.min(b.max, Math.max(b.min, (indicators[id] ?? 0) + delta));
    }
    const escalation = phase.escalation === undefined ? context.escalation : Math.max(context.escalation, levelOf(phase.escalation));
    context = { ...context, indicators, escalation, phase: phase.id };
    const key = `${phase.id}|${JSON.stringify(indicators)}|${escalation}`;
    const whenIndex = phase.when.findIndex((w) => evaluateCondition(w.if, context, scenario));
    const repeatedAt = seen.get(key);
    if (repeatedAt !== undefined) {
      const round = trail.slice(repeatedAt);
      return {
        phases: [...round.map((t) => t.phase), round[0]!.phase],
        whenIndex: round[0]!.whenIndex,
        example: describeContext(scenario, initial),
      };
    }
    seen.set(key, trail.length);
    // A phase that moves to itself is not entered again: XState takes the transition and stops there.
    if (whenIndex < 0 || phase.when[whenIndex]!.goto === phase.id) return undefined;
    trail.push({ phase: phase.id, whenIndex });
    phase = phases.get(phase.when[whenIndex]!.goto)!;
  }
  const round = trail.slice(-Math.min(trail.length, scenario.phases.length));
  return {
    phases: [...round.map((t) => t.phase), round[0]!.phase],
    whenIndex: round[0]!.whenIndex,
    example: describeContext(scenario, initial),
  };
}

/** Groups of phases that `when` transitions connect in a cycle (Tarjan's strongly connected components). */
function cyclicComponents(scenario: Scenario): string[][] {
  const edges = new Map(scenario.phases.map((p) => [p.id, p.when.map((w) => w.goto).filter((to) => to !== p.id)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.reverse());
  };
  for (const p of scenario.phases) if (!index.has(p.id)) visit(p.id);
  return components;
}

/** Contexts around every threshold the cycle reads, including thresholds shifted by the cycle's entry effects. */
function* candidateContexts(
  scenario: Scenario,
  component: readonly string[],
  conditions: readonly Condition[],
): Generator<ExerciseContext> {
  const thresholds = new Map<string, Set<number>>();
  const actions = new Set<string>();
  let readsLevel = false;
  const visit = (c: Condition): void => {
    if ('indicator' in c) {
      const set = thresholds.get(c.indicator) ?? new Set<number>();
      for (const v of [c.below, c.above, c.atLeast, c.atMost]) if (v !== undefined) set.add(v);
      thresholds.set(c.indicator, set);
    } else if ('escalation' in c) readsLevel = true;
    else if ('action' in c) actions.add(c.action);
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
  };
  conditions.forEach(visit);
  const shifts = [0, ...component.flatMap((id) => Object.values(scenario.phases.find((p) => p.id === id)?.effects?.indicators ?? {}))];
  const axes: { id: string; values: number[] }[] = scenario.indicators.map((indicator) => {
    const values = new Set([indicator.initial]);
    const own = thresholds.get(indicator.id);
    if (own) {
      values.add(indicator.min).add(indicator.max);
      for (const t of own) for (const shift of shifts) for (const d of [-1, -0.5, 0, 0.5, 1]) values.add(t - shift + d);
    }
    return { id: indicator.id, values: [...values].filter((v) => v >= indicator.min && v <= indicator.max).sort((a, b) => a - b) };
  });
  const levels = readsLevel
    ? scenario.escalation.levels.map((_, i) => i)
    : [scenario.escalation.levels.findIndex((l) => l.id === scenario.escalation.initial)];
  const takenSets = subsets([...actions].slice(0, 6));
  const total = axes.reduce((n, a) => n * a.values.length, 1) * levels.length * takenSets.length;
  const step = Math.max(1, Math.ceil(total / MAX_CONTEXTS));
  for (let n = 0; n < total; n += step) {
    let rest = n;
    const pick = <T>(list: readonly T[]): T => {
      const item = list[rest % list.length]!;
      rest = Math.floor(rest / list.length);
      return item;
    };
    const indicators = Object.fromEntries(axes.map((a) => [a.id, pick(a.values)]));
    const escalation = pick(levels);
    const taken = Object.fromEntries(
      pick(takenSets).map((action) => [action, scenario.actions.find((a) => a.id === action)?.by.slice(0, 1) ?? []]),
    );
    yield { indicators, escalation, phase: component[0]!, taken, triggered: {} };
  }
}

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((set) => [...set, item])], [[]]);
}

function describeContext(scenario: Scenario, context: ExerciseContext): string {
  const parts = scenario.indicators
    .filter((i) => context.indicators[i.id] !== i.initial)
    .map((i) => `${i.id} = ${context.indicators[i.id]}`);
  const level = scenario.escalation.levels[context.escalation]?.id;
  if (level !== scenario.escalation.initial) parts.push(`escalation ${level}`);
  const taken = Object.keys(context.taken);
  if (taken.length) parts.push(`${taken.join(', ')} taken`);
  return parts.length ? parts.join(', ') : 'at the start';
}

/** The validation problem for a loop: the engine would never come back from it, so such a file is refused [P9]. */
export function instantLoopProblem(loop: InstantLoop): { message: string; hint: string } {
  return {
    message: `${loop.phases.map((p) => `"${p}"`).join(' → ')}: these when: transitions can chase each other forever without time passing (for example with ${loop.example}); the exercise would never end [P9]`,
    hint: 'make their conditions exclude each other, or let one of the moves wait with after:',
  };
}
