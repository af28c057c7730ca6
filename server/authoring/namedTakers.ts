import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';

/** Every `action|organisation` that a condition, a follow-up or an expectation names. */
export function namedTakers(scenario: Scenario): Set<string> {
  const named = new Set<string>();
  const visit = (c: Condition | undefined): void => {
    if (!c) return;
    if ('action' in c && c.by !== undefined) named.add(`${c.action}|${c.by}`);
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
  };
  for (const inject of scenario.injects) {
    if (inject.trigger.kind === 'on' && inject.trigger.by !== undefined) named.add(`${inject.trigger.action}|${inject.trigger.by}`);
    if (inject.trigger.kind === 'when') visit(inject.trigger.condition);
    for (const e of inject.expects) for (const org of e.by) named.add(`${e.action}|${org}`);
  }
  for (const phase of scenario.phases) [...phase.on, ...phase.when].forEach((t) => visit(t.if));
  for (const action of scenario.actions) visit(action.when);
  for (const objective of scenario.objectives) visit(objective.requires);
  return named;
}
