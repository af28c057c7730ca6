import type { Action, Inject, Scenario } from '../../shared/scenario/scenario.ts';
import type { Coverage } from './coverage.ts';
import { describeCondition, describeDuration, impossibleByBounds } from './describeCondition.ts';
import type { Finding } from './finding.ts';
import type { ScenarioLocations } from './scenarioLocations.ts';
import { declaredTransitions, describeTrigger, observedRanges, whyNeverFires } from './transitionReasons.ts';

/**
 * [K2] Phases, injects, actions and transitions that no explored path reaches, and [K3] objectives that no
 * path meets and expectations that can never be answered in their window. Each finding is reported once at
 * its root: the injects of a phase nobody enters are not listed one by one, nor the expectations of an
 * inject never delivered.
 */
export function reachFindings(scenario: Scenario, coverage: Coverage, where: ScenarioLocations): Finding[] {
  const findings: Finding[] = [];
  const transitions = declaredTransitions(scenario);

  for (const phase of scenario.phases) {
    if (coverage.phases.has(phase.id)) continue;
    const incoming = transitions.filter((t) => t.transition.goto === phase.id && t.from.id !== phase.id);
    const injects = scenario.injects.filter((i) => i.phase === phase.id).length;
    findings.push({
      where: where.phase(phase.id),
      message: `phase "${phase.id}" is never entered: no path reaches it${injects ? ` (nor its ${injects} inject${injects === 1 ? '' : 's'})` : ''} [K2]`,
      hint: incoming.length
        ? `the transitions into it never fire: ${incoming.map((t) => `from ${t.from.id} ${describeTrigger(t)} — ${whyNeverFires(t, scenario, coverage)}`).join('; ')}`
        : 'no on:, after: or when: of another phase leads to it: add a transition to it, or remove it',
    });
  }

  for (const t of transitions) {
    const move = `${t.from.id}>${t.transition.goto}`;
    if (!coverage.phases.has(t.from.id) || !coverage.phases.has(t.transition.goto) || coverage.moves.has(move)) continue;
    findings.push({
      where: where.transition(t.from.id, t.kind, t.index, t.transition.action),
      message: `the transition from "${t.from.id}" to "${t.transition.goto}" (${describeTrigger(t)}) never fires [K2]`,
      hint: `${whyNeverFires(t, scenario, coverage)}; remove it, or change what it waits for`,
    });
  }

  for (const inject of scenario.injects) {
    if (coverage.injects.has(inject.id) || (inject.phase !== undefined && !coverage.phases.has(inject.phase))) continue;
    findings.push({
      where: where.inject(inject.id),
      message: `inject "${inject.id}" is never delivered: no path reaches it [K2]`,
      hint: whyUndelivered(inject, scenario, coverage),
    });
  }

  for (const action of scenario.actions) {
    if (coverage.actions.has(action.id)) continue;
    findings.push({
      where: where.action(action.id),
      message: `action "${action.id}" is never open to anyone: no path reaches it [K2]`,
      hint: whyNeverOpen(action, scenario, coverage),
    });
  }

  for (const objective of scenario.objectives) {
    if (coverage.objectives.has(objective.id)) continue;
    const expectations = scenario.injects.flatMap((i) =>
      i.expects.flatMap((e, index) => (e.objective === objective.id ? [{ inject: i, e, index }] : [])),
    );
    let hint: string;
    const requires =
      objective.requires &&
      `its requires (${describeCondition(objective.requires)}) never holds when the exercise ends${observedRanges(objective.requires, coverage)}`;
    if (expectations.length === 0)
      hint = `${requires ?? 'it has nothing to judge'}${(objective.requires && boundsNote(objective.requires, scenario)) ?? ''}`;
    else if (!expectations.some((x) => coverage.injects.has(x.inject.id)))
      hint = `none of the injects that expect something for it (${[...new Set(expectations.map((x) => x.inject.id))].join(', ')}) is ever delivered [B1]`;
    else if (!coverage.expectationsMet.has(objective.id)) {
      const neverMet = expectations
        .flatMap((x) => x.e.by.map((org) => `${x.inject.id}#${x.index}/${org}`))
        .filter((id) => !coverage.metExpectations.has(id));
      hint = `on no path are all its expectations met in time [B1]${neverMet.length ? `; never met: ${neverMet.slice(0, 5).join(', ')}${neverMet.length > 5 ? ', …' : ''}` : ''}`;
    } else if (requires && !coverage.requiresHeld.has(objective.id)) hint = `${requires}${boundsNote(objective.requires, scenario) ?? ''}`;
    else hint = 'its expectations are all met on some paths and its requires holds on others, but never on the same path';
    findings.push({ where: where.objective(objective.id), message: `objective "${objective.id}" is met on no path [K3]`, hint });
  }

  for (const inject of scenario.injects) {
    if (!coverage.injects.has(inject.id)) continue;
    inject.expects.forEach((e, index) => {
      for (const org of e.by) {
        if (coverage.expectations.has(`${inject.id}#${index}/${org}`)) continue;
        const action = scenario.actions.find((a) => a.id === e.action)!;
        findings.push({
          where: where.expectation(inject.id, index),
          message: `"${org}" can never take "${e.action}" within ${describeDuration(e.withinSeconds)} of "${inject.id}": the expectation cannot be met [K3]`,
          hint: `on no path is ${e.action} open to ${org} in that window${openingRules(action)}; widen within:, or open the action then`,
        });
      }
    });
  }
  return findings;
}

function whyUndelivered(inject: Inject, scenario: Scenario, coverage: Coverage): string {
  const trigger = inject.trigger;
  const phase = inject.phase;
  if (trigger.kind === 'at') {
    const at = describeDuration(trigger.seconds);
    if (phase === undefined) {
      return trigger.seconds > scenario.durationSeconds
        ? `it is due at ${at}, after the exercise ends (duration ${describeDuration(scenario.durationSeconds)}) [T6]`
        : `every path ends before ${at}: move it earlier, or let the exercise last longer`;
    }
    const afters = scenario.phases.find((p) => p.id === phase)!.after.map((a) => a.seconds);
    const shortest = afters.length ? Math.min(...afters) : Infinity;
    return shortest < trigger.seconds
      ? `${phase} always moves on after ${describeDuration(shortest)} (after:), before this inject is due at ${at} [J2]`
      : `${phase} never lasts ${at}: every path leaves it earlier, or the exercise ends first [J2]`;
  }
  if (trigger.kind === 'on') {
    const who = trigger.by === undefined ? '' : ` by ${trigger.by}`;
    const taken =
      trigger.by === undefined ? takenAnywhere(trigger.action, coverage) : coverage.takenBy.has(`${trigger.action}|${trigger.by}`);
    if (!taken) return `it follows ${trigger.action}, which is never taken${who} [J4]`;
    return phase === undefined
      ? `it follows ${trigger.action}${who} [J4]`
      : `${trigger.action} is never taken${who} while ${phase} is active [J4]`;
  }
  const bounds = impossibleByBounds(trigger.condition, scenario);
  return (
    bounds ??
    `its condition (${describeCondition(trigger.condition)}) never holds${phase === undefined ? '' : ` while ${phase} is active`} [J5]${observedRanges(trigger.condition, coverage)}`
  );
}

function whyNeverOpen(action: Action, scenario: Scenario, coverage: Coverage): string {
  if (action.phases && !action.phases.some((p) => coverage.phases.has(p)))
    return `it is open only in ${action.phases.join(', ')}, which no path reaches [A1]`;
  if (action.when) {
    const bounds = impossibleByBounds(action.when, scenario);
    return (
      bounds ??
      `its when (${describeCondition(action.when)}) never holds${action.phases ? ` in ${action.phases.join(', ')}` : ''} [A1]${observedRanges(action.when, coverage)}`
    );
  }
  return `it is never open to ${action.by.join(', ')}${openingRules(action)} [A1]`;
}

function openingRules(action: Action): string {
  const rules = [
    ...(action.phases ? [`it is open only in ${action.phases.join(', ')}`] : []),
    ...(action.when ? [`only when ${describeCondition(action.when)}`] : []),
    ...(action.once !== 'never' ? [`once per ${action.once}`] : []),
  ];
  return rules.length ? ` (${rules.join(', ')})` : '';
}

function boundsNote(condition: NonNullable<Scenario['objectives'][number]['requires']>, scenario: Scenario): string | undefined {
  const bounds = impossibleByBounds(condition, scenario);
  return bounds ? `: ${bounds}` : undefined;
}

function takenAnywhere(action: string, coverage: Coverage): boolean {
  for (const key of coverage.takenBy) if (key.startsWith(`${action}|`)) return true;
  return false;
}
