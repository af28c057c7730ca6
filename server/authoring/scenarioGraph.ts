import type { Inject, Scenario } from '../../shared/scenario/scenario.ts';
import { describeCondition } from './describeCondition.ts';
import { declaredTransitions } from './transitionReasons.ts';

/** What a diagram draws, in the scenario's first language: phases with their injects, and the moves between them. */
export interface ScenarioGraph {
  readonly id: string;
  readonly title: string;
  readonly duration: string;
  readonly start: string;
  readonly phases: readonly GraphPhase[];
  readonly transitions: readonly GraphTransition[];
  /** Injects timed from the exercise start or triggered whatever the phase [J3][J4][J5]. */
  readonly timeline: readonly string[];
}

export interface GraphPhase {
  readonly id: string;
  readonly title: string;
  readonly end: boolean;
  /** What entering it does [P5]: its escalation and indicator effects. */
  readonly entry: readonly string[];
  /** Where each of its injects fires: `+10m: alert`, `on notify +5m: ack`, `when trust < 30: panic`. */
  readonly injects: readonly string[];
}

export interface GraphTransition {
  readonly from: string;
  readonly to: string;
  readonly kind: 'on' | 'after' | 'when';
  /** The trigger: `on notify-ncsc`, `after 1h30m`, `when pki-trust < 30`. */
  readonly label: string;
}

export function scenarioGraph(scenario: Scenario): ScenarioGraph {
  const language = scenario.languages[0]!;
  const text = (t: Readonly<Record<string, string>>) => t[language] ?? Object.values(t)[0] ?? '';
  return {
    id: scenario.id,
    title: text(scenario.title),
    duration: shortDuration(scenario.durationSeconds),
    start: scenario.start,
    phases: scenario.phases.map((p) => ({
      id: p.id,
      title: text(p.title),
      end: p.end,
      entry: [
        ...(p.escalation ? [`escalation ↑ ${p.escalation}`] : []),
        ...Object.entries(p.effects?.indicators ?? {}).map(([id, delta]) => `${id} ${delta > 0 ? '+' : ''}${delta}`),
      ],
      injects: scenario.injects.filter((i) => i.phase === p.id).map(describeInject),
    })),
    transitions: declaredTransitions(scenario).map((t) => ({
      from: t.from.id,
      to: t.transition.goto,
      kind: t.kind,
      label:
        t.kind === 'on'
          ? `on ${t.transition.action}${t.transition.if ? ` if ${describeCondition(t.transition.if)}` : ''}`
          : t.kind === 'after'
            ? `after ${shortDuration(t.transition.seconds ?? 0)}`
            : `when ${describeCondition(t.transition.if!)}`,
    })),
    timeline: scenario.injects.filter((i) => i.phase === undefined).map(describeInject),
  };
}

function describeInject(inject: Inject): string {
  const t = inject.trigger;
  const when =
    t.kind === 'at'
      ? `+${shortDuration(t.seconds)}`
      : t.kind === 'on'
        ? `on ${t.action}${t.by ? ` by ${t.by}` : ''}${t.delaySeconds ? ` +${shortDuration(t.delaySeconds)}` : ''}`
        : `when ${describeCondition(t.condition)}`;
  return `${when}: ${inject.id}`;
}

/** `1h30m`, `10m`, `45s`, `2d`, `0s`: the short form of [F5], compact enough for a diagram. */
export function shortDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('') || '0s';
}
