import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { Phase, PhaseTransition, Scenario } from '../../shared/scenario/scenario.ts';
import type { Coverage } from './coverage.ts';
import { describeCondition, describeDuration, impossibleByBounds } from './describeCondition.ts';
import type { TransitionKind } from './scenarioLocations.ts';

/** One declared transition of a phase, with what the file calls it. */
export interface DeclaredTransition {
  readonly from: Phase;
  readonly kind: TransitionKind;
  readonly index: number;
  readonly transition: PhaseTransition & { readonly action?: string; readonly seconds?: number };
}

export function declaredTransitions(scenario: Scenario): DeclaredTransition[] {
  return scenario.phases.flatMap((from) => [
    ...from.on.map((transition, index) => ({ from, kind: 'on' as const, index, transition })),
    ...from.after.map((transition, index) => ({ from, kind: 'after' as const, index, transition })),
    ...from.when.map((transition, index) => ({ from, kind: 'when' as const, index, transition })),
  ]);
}

/** `on notify-ncsc`, `after PT2H`, `when pki-trust < 30`: a transition's trigger as the diagram and hints show it. */
export function describeTrigger(t: DeclaredTransition): string {
  const guard = t.transition.if ? ` if ${describeCondition(t.transition.if)}` : '';
  if (t.kind === 'on') return `on ${t.transition.action}${guard}`;
  if (t.kind === 'after') return `after ${describeDuration(t.transition.seconds ?? 0)}`;
  return `when ${describeCondition(t.transition.if!)}`;
}

/** Why a transition never fired on the explored paths, as precisely as the coverage tells. */
export function whyNeverFires(t: DeclaredTransition, scenario: Scenario, coverage: Coverage): string {
  const from = t.from.id;
  if (!coverage.phases.has(from)) return `${from} is never entered`;
  if (t.kind === 'on') {
    const action = scenario.actions.find((a) => a.id === t.transition.action)!;
    if (action.phases && !action.phases.includes(from))
      return `${action.id} is not open in ${from} (its phases: ${action.phases.join(', ')})`;
    if (!coverage.takenIn.has(`${from}|${action.id}`)) return `${action.id} is never taken while ${from} is active`;
    const bounds = t.transition.if && impossibleByBounds(t.transition.if, scenario);
    if (bounds) return bounds;
    return t.transition.if
      ? `${action.id} is taken in ${from}, but never when ${describeCondition(t.transition.if)}, or another transition moves first${observedRanges(t.transition.if, coverage)}`
      : `another transition always moves first`;
  }
  if (t.kind === 'after') {
    const seconds = t.transition.seconds ?? 0;
    if (seconds >= scenario.durationSeconds) return `the exercise lasts ${describeDuration(scenario.durationSeconds)} in all [T6]`;
    const sooner = t.from.after.filter((a) => a.seconds < seconds).map((a) => a.seconds);
    if (sooner.length) return `${from} always moves on after ${describeDuration(Math.min(...sooner))} already`;
    return `${from} is always left before ${describeDuration(seconds)}, or the exercise ends first`;
  }
  const bounds = impossibleByBounds(t.transition.if!, scenario);
  return (
    bounds ??
    `${describeCondition(t.transition.if!)} never holds while ${from} is active, or an earlier when: entry moves first${observedRanges(t.transition.if, coverage)}`
  );
}

/** `; on the explored paths media-pressure went from 15 to 45`: what the indicators of a condition did. */
export function observedRanges(condition: Condition | undefined, coverage: Coverage): string {
  const ids = new Set<string>();
  const visit = (c: Condition): void => {
    if ('indicator' in c) ids.add(c.indicator);
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
  };
  if (condition) visit(condition);
  const parts = [...ids].flatMap((id) => {
    const range = coverage.ranges.get(id);
    if (!range) return [];
    return [range.min === range.max ? `${id} stayed at ${range.min}` : `${id} went from ${range.min} to ${range.max}`];
  });
  return parts.length ? `; on the explored paths ${parts.join(', ')}` : '';
}
