import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { Coverage } from './coverage.ts';
import { describeDuration } from './describeCondition.ts';
import type { Finding } from './finding.ts';
import type { ScenarioLocations } from './scenarioLocations.ts';
import { declaredTransitions, describeTrigger, whyNeverFires } from './transitionReasons.ts';

/**
 * [K4] Phases that are not an end and that nothing moves out of, and [K5] ways the exercise never ends: no end
 * phase at all, and a group of phases that only lead to each other (`when` loops are refused by validation
 * [P9]). The ways out are the moves seen on explored paths plus every `after:` timeout (time always passes);
 * the exercise's duration is not a way out, it is the safety net.
 */
export function phaseGraphFindings(scenario: Scenario, coverage: Coverage, where: ScenarioLocations): Finding[] {
  const findings: Finding[] = [];
  const out = new Map<string, Set<string>>(scenario.phases.map((p) => [p.id, new Set<string>()]));
  for (const move of coverage.moves) {
    const [from, to] = move.split('>') as [string, string];
    if (from !== to) out.get(from)?.add(to);
  }
  for (const phase of scenario.phases)
    for (const a of phase.after) if (a.goto !== phase.id && coverage.phases.has(phase.id)) out.get(phase.id)!.add(a.goto);

  const transitions = declaredTransitions(scenario);
  for (const phase of scenario.phases) {
    if (phase.end || !coverage.phases.has(phase.id) || out.get(phase.id)!.size > 0) continue;
    const own = transitions.filter((t) => t.from.id === phase.id && t.transition.goto !== phase.id);
    findings.push({
      where: where.phase(phase.id),
      message: `phase "${phase.id}" is not an end phase and has no way out: once in it, the exercise stays until its duration (${describeDuration(scenario.durationSeconds)}) is over [K4]`,
      hint: own.length
        ? `its transitions never fire: ${own.map((t) => `${describeTrigger(t)} — ${whyNeverFires(t, scenario, coverage)}`).join('; ')}; add an after: timeout to the next phase`
        : 'it has no on:, after: or when: — add an after: timeout to the next phase, or make it end: true',
    });
  }

  if (scenario.phases.some((p) => p.end)) {
    for (const group of closedGroups(scenario, out, coverage)) {
      findings.push({
        where: where.phase(group[0]!),
        message: `phases ${group.map((id) => `"${id}"`).join(', ')} only lead to each other: once there, the exercise never reaches an end phase and runs until its duration is over [K5]`,
        hint: 'give one of them a transition (after: is the surest) to an end phase',
      });
    }
  }
  return findings;
}

/** [K5] A scenario without an end phase ends only when its duration runs out. */
export function noEndFinding(scenario: Scenario, where: ScenarioLocations): Finding | undefined {
  if (scenario.phases.some((p) => p.end)) return undefined;
  return {
    where: where.phases(),
    message: `no phase has end: true: every path runs until the duration (${describeDuration(scenario.durationSeconds)}) is over [K5]`,
    hint: 'add an end phase (e.g. debrief: { title: …, end: true }) and a transition to it [P6]',
  };
}

/** Reached groups of two or more phases with no way out of the group and no end phase in it (bottom components). */
function closedGroups(scenario: Scenario, out: ReadonlyMap<string, ReadonlySet<string>>, coverage: Coverage): string[][] {
  const order = scenario.phases.map((p) => p.id).filter((id) => coverage.phases.has(id));
  const reach = new Map(order.map((id) => [id, reachable(id, out)]));
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const id of order) {
    if (placed.has(id)) continue;
    const group = order.filter((other) => reach.get(id)!.has(other) && reach.get(other)!.has(id));
    group.forEach((g) => placed.add(g));
    const closed = group.every((g) => [...out.get(g)!].every((to) => group.includes(to)));
    const ends = group.some((g) => scenario.phases.find((p) => p.id === g)!.end);
    if (group.length > 1 && closed && !ends) groups.push(group);
  }
  return groups;
}

function reachable(from: string, out: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length) {
    for (const to of out.get(stack.pop()!) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      stack.push(to);
    }
  }
  return seen;
}
