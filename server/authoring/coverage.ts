import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { Effect, ExpectationRecord } from '../engine/effects.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { judgeObjectives } from '../engine/judgeObjectives.ts';
import type { EffectSource } from './scenarioLocations.ts';

/**
 * How an indicator effect fared on the explored paths: how often it applied, and how often it changed the
 * value at all. An effect that never does is pushed past its bound every time [K6].
 */
export interface EffectRecord {
  readonly source: EffectSource;
  readonly indicator: string;
  readonly delta: number;
  applied: number;
  changed: number;
}

/** What one path watches: expectations whose window is still open. */
export class PathFacts {
  watch: ExpectationRecord[] = [];
}

/**
 * What the explored paths have reached, over all of them: the targets of the check (every phase, inject,
 * action, declared phase-to-phase move, objective and expectation) and the facts the findings explain
 * themselves with. A target is reached when one explored path reaches it.
 */
export class Coverage {
  readonly phases = new Set<string>();
  readonly injects = new Set<string>();
  /** Actions open to some organisation at some decision point, or taken. */
  readonly actions = new Set<string>();
  /** `from>to` phase moves that happened. */
  readonly moves = new Set<string>();
  readonly objectives = new Set<string>();
  /** Expectations (`inject#index/organisation`) whose action was open to their organisation within the window. */
  readonly expectations = new Set<string>();
  /** Expectations that were met on some path (not only answerable). */
  readonly metExpectations = new Set<string>();
  /** `phase|action|organisation` and `phase|action`: who took what, while which phase was active. */
  readonly takenIn = new Set<string>();
  readonly takenBy = new Set<string>();
  readonly requiresHeld = new Set<string>();
  /** Objectives whose opened expectations were all met on one path (whatever their requires). */
  readonly expectationsMet = new Set<string>();
  /** The lowest and highest value each indicator had at a decision point on the explored paths. */
  readonly ranges = new Map<string, { min: number; max: number }>();
  /** Every indicator effect that applied on some path, by `kind:id:indicator`. */
  readonly effects = new Map<string, EffectRecord>();
  /** Indicator effects (`kind:id:indicator`) that are targets: each should change its indicator on some path. */
  readonly effectTargets = new Set<string>();
  private effectsChanged = 0;
  private readonly targets: number;
  private readonly declaredMoves: ReadonlySet<string>;
  private readonly expectationIds: ReadonlySet<string>;
  private readonly bounds: ReadonlyMap<string, { min: number; max: number }>;
  private readonly phaseEffects: ReadonlyMap<string, Readonly<Record<string, number>> | undefined>;
  private readonly actionEffects: ReadonlyMap<string, Readonly<Record<string, number>>>;

  constructor(private readonly scenario: Scenario) {
    this.declaredMoves = new Set(scenario.phases.flatMap((p) => [...p.on, ...p.after, ...p.when].map((t) => `${p.id}>${t.goto}`)));
    this.expectationIds = new Set(
      scenario.injects.flatMap((i) => i.expects.flatMap((e, index) => e.by.map((org) => `${i.id}#${index}/${org}`))),
    );
    this.bounds = new Map(scenario.indicators.map((i) => [i.id, i]));
    this.phaseEffects = new Map(scenario.phases.map((p) => [p.id, p.effects?.indicators]));
    this.actionEffects = new Map(scenario.actions.map((a) => [a.id, a.effects.indicators]));
    for (const [source, deltas] of effectSources(scenario))
      for (const [indicator, delta] of Object.entries(deltas))
        if (delta !== 0 && this.bounds.has(indicator)) this.effectTargets.add(`${source.kind}:${source.id}:${indicator}`);
    this.targets =
      this.effectTargets.size +
      scenario.phases.length +
      scenario.injects.length +
      scenario.actions.length +
      this.declaredMoves.size +
      scenario.objectives.length +
      this.expectationIds.size;
  }

  /** How many targets no explored path has reached yet. */
  remaining(): number {
    const declaredMovesSeen = [...this.moves].filter((m) => this.declaredMoves.has(m)).length;
    const reached =
      this.effectsChanged +
      this.phases.size +
      this.injects.size +
      this.actions.size +
      declaredMovesSeen +
      this.objectives.size +
      this.expectations.size;
    return this.targets - reached;
  }

  /**
   * After every engine call: what its effects reached, and how each indicator effect fared — replayed in the
   * order the effects came, from the values before the call, clamped as [I2] clamps.
   */
  observeCall(
    effects: readonly Effect[],
    phaseBefore: string | undefined,
    indicatorsBefore: Readonly<Record<string, number>>,
    path: PathFacts,
  ): void {
    let phase = phaseBefore;
    const shadow = { ...indicatorsBefore };
    const apply = (source: EffectSource, deltas: Readonly<Record<string, number>> | undefined) => {
      for (const [indicator, delta] of Object.entries(deltas ?? {})) {
        const bounds = this.bounds.get(indicator);
        if (!bounds) continue;
        const from = shadow[indicator] ?? 0;
        const to = Math.min(bounds.max, Math.max(bounds.min, from + delta));
        shadow[indicator] = to;
        const key = `${source.kind}:${source.id}:${indicator}`;
        let record = this.effects.get(key);
        if (!record) this.effects.set(key, (record = { source, indicator, delta, applied: 0, changed: 0 }));
        record.applied++;
        if (to !== from && record.changed++ === 0 && this.effectTargets.has(key)) this.effectsChanged++;
      }
    };
    for (const effect of effects) {
      switch (effect.type) {
        case 'phase.entered':
          this.phases.add(effect.phase);
          if (phase !== undefined) this.moves.add(`${phase}>${effect.phase}`);
          phase = effect.phase;
          apply({ kind: 'phase', id: effect.phase }, this.phaseEffects.get(effect.phase));
          break;
        case 'inject.delivered':
          this.injects.add(effect.inject.id);
          apply({ kind: 'inject', id: effect.inject.id }, effect.inject.effects?.indicators);
          break;
        case 'action.taken': {
          this.actions.add(effect.action);
          this.takenIn.add(`${phase}|${effect.action}|${effect.by}`);
          this.takenIn.add(`${phase}|${effect.action}`);
          this.takenBy.add(`${effect.action}|${effect.by}`);
          apply({ kind: 'action', id: effect.action }, this.actionEffects.get(effect.action));
          break;
        }
        case 'expectation.opened':
          path.watch.push(effect.expectation);
          break;
        case 'expectation.scored':
          if (effect.expectation.status !== 'met') break;
          this.expectations.add(targetOf(effect.expectation));
          this.metExpectations.add(targetOf(effect.expectation));
          break;
        default:
          break;
      }
    }
  }

  /** At a decision point: which actions are open, and which watched expectations could be answered in time. */
  observePoint(engine: ExerciseEngine, path: PathFacts): void {
    for (const [id, value] of Object.entries(engine.context.indicators)) {
      const range = this.ranges.get(id);
      if (!range) this.ranges.set(id, { min: value, max: value });
      else if (value < range.min) range.min = value;
      else if (value > range.max) range.max = value;
    }
    for (const action of this.scenario.actions) {
      if (this.actions.has(action.id)) continue;
      if (action.by.some((org) => engine.refusal(action.id, org) === undefined)) this.actions.add(action.id);
    }
    if (path.watch.length === 0) return;
    const now = engine.now;
    path.watch = path.watch.filter((record) => {
      const target = targetOf(record);
      if (this.expectations.has(target) || now > record.dueAt) return false;
      if (engine.refusal(record.action, record.organisation) !== undefined) return true;
      this.expectations.add(target);
      return false;
    });
  }

  /** At the end of a path: which objectives it met [B1]. */
  observeEnd(engine: ExerciseEngine): void {
    const expectations = engine.snapshot().expectations;
    for (const judgement of judgeObjectives(this.scenario, expectations, engine.context)) {
      if (judgement.met) this.objectives.add(judgement.id);
      if (judgement.requiresHeld !== false) this.requiresHeld.add(judgement.id);
      const { met, late, missed, pending } = judgement.expectations;
      if (met > 0 && late + missed + pending === 0) this.expectationsMet.add(judgement.id);
    }
  }
}

const targetOf = (record: ExpectationRecord): string => record.id;

/** Every indicator effect written in the scenario, with where it comes from. */
export function effectSources(scenario: Scenario): [EffectSource, Readonly<Record<string, number>>][] {
  return [
    ...scenario.phases.flatMap((p): [EffectSource, Readonly<Record<string, number>>][] =>
      p.effects ? [[{ kind: 'phase', id: p.id }, p.effects.indicators]] : [],
    ),
    ...scenario.injects.flatMap((i): [EffectSource, Readonly<Record<string, number>>][] =>
      i.effects ? [[{ kind: 'inject', id: i.id }, i.effects.indicators]] : [],
    ),
    ...scenario.actions.map((a): [EffectSource, Readonly<Record<string, number>>] => [{ kind: 'action', id: a.id }, a.effects.indicators]),
  ];
}
