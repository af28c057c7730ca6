import type { LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { compileScenario, type CompiledScenario } from '../engine/compileScenario.ts';
import type { Effect } from '../engine/effects.ts';
import { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { judgeObjectives } from '../engine/judgeObjectives.ts';
import { AutomaticPlayers, earliest } from './automaticPlayers.ts';
import type { PolicyName } from './playerPolicy.ts';

/** The outcome of a headless run; `simulate --json` prints exactly this [D3]. */
export interface SimulationReport {
  readonly scenario: string;
  readonly seed: number;
  readonly policy: PolicyName;
  readonly durationSeconds: number;
  readonly ended: { readonly reason: string; readonly atSeconds: number } | null;
  readonly organisations: { id: string; kind: string; simulated: boolean }[];
  readonly deliveries: { inject: string; atSeconds: number; to: string[]; channel: string; tlp: TlpLabel; title: LocalText }[];
  readonly actions: { action: string; by: string; atSeconds: number; simulated: boolean }[];
  readonly phases: { phase: string; atSeconds: number }[];
  readonly escalation: { level: string; atSeconds: number }[];
  readonly indicators: Record<string, number>;
  readonly expectations: { id: string; status: string; respondedAfterSeconds: number | null }[];
  readonly objectives: { id: string; met: boolean }[];
}

export interface SimulationOptions {
  readonly seed: number;
  readonly policy: PolicyName;
}

/**
 * Runs an exercise from start to end as fast as the machine allows: jumps from one due time to the next
 * (the engine's timers, the players' planned actions, the policy's wake-ups). Players act after everything
 * due at the same time [T4].
 */
export function simulateExercise(input: Scenario | CompiledScenario, options: SimulationOptions): SimulationReport {
  const compiled = 'machine' in input ? input : compileScenario(input);
  const scenario = compiled.scenario;
  const engine = new ExerciseEngine(compiled);
  const players = new AutomaticPlayers(scenario, options);
  const log: Effect[] = [];
  const record = (effects: readonly Effect[]) => {
    log.push(...effects);
    players.observe(effects, engine);
  };

  record(engine.start());
  while (!engine.ended) {
    const next = earliest(engine.nextDueAt(), players.nextDueAt());
    if (next === undefined) break;
    record(engine.advanceTo(next));
    const take = () => (engine.ended ? undefined : players.takeDue(next));
    for (let intent = take(); intent; intent = take()) {
      const result = engine.act({ action: intent.action, by: intent.by, text: players.reportFor(intent) });
      if (result.ok) record(result.effects);
    }
    if (!engine.ended && players.wantsWake(next)) record([]);
  }
  return report(scenario, options, engine, log);
}

function report(scenario: Scenario, options: SimulationOptions, engine: ExerciseEngine, log: readonly Effect[]): SimulationReport {
  const seconds = (ms: number) => ms / 1000;
  const snapshot = engine.snapshot();
  return {
    scenario: scenario.id,
    seed: options.seed,
    policy: options.policy,
    durationSeconds: seconds(snapshot.endedAt ?? snapshot.now),
    ended: snapshot.endedAt === undefined ? null : { reason: snapshot.endReason ?? 'unknown', atSeconds: seconds(snapshot.endedAt) },
    organisations: scenario.organisations.map((o) => ({ id: o.id, kind: o.kind, simulated: o.simulated })),
    deliveries: log.flatMap((e) =>
      e.type === 'inject.delivered'
        ? [
            {
              inject: e.inject.id,
              atSeconds: seconds(e.at),
              to: [...new Set(e.inject.to.map((to) => to.split('/')[0]!))],
              channel: e.inject.channel,
              tlp: e.inject.tlp,
              title: e.inject.title,
            },
          ]
        : [],
    ),
    actions: log.flatMap((e) =>
      e.type === 'action.taken' ? [{ action: e.action, by: e.by, atSeconds: seconds(e.at), simulated: e.simulated }] : [],
    ),
    phases: log.flatMap((e) => (e.type === 'phase.entered' ? [{ phase: e.phase, atSeconds: seconds(e.at) }] : [])),
    escalation: log.flatMap((e) => (e.type === 'escalation.changed' ? [{ level: e.level, atSeconds: seconds(e.at) }] : [])),
    indicators: { ...snapshot.indicators },
    expectations: snapshot.expectations.map((e) => ({
      id: e.id,
      status: e.status,
      respondedAfterSeconds: e.respondedAt === undefined ? null : seconds(e.respondedAt - e.deliveredAt),
    })),
    objectives: judgeObjectives(scenario, snapshot.expectations, engine.context).map((o) => ({ id: o.id, met: o.met })),
  };
}
