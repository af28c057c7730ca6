import type { Action, Scenario } from '../../shared/scenario/scenario.ts';
import type { CompiledScenario } from '../engine/compileScenario.ts';
import type { Effect } from '../engine/effects.ts';
import { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { Coverage, PathFacts } from './coverage.ts';
import { goalsFor } from './explorationGoals.ts';
import { DILIGENT, ExplorationPlayers, IDLE, policyId, type Act, type Policy } from './explorationPlayers.ts';
import { namedTakers } from './namedTakers.ts';
import { PathState } from './pathState.ts';
import { PriorityQueue } from '../engine/priorityQueue.ts';

/** [K1] How far the search may go: distinct states at decision points, and paths run. */
export interface ExplorationBounds {
  readonly maxStates: number;
  readonly maxPaths: number;
}

export const DEFAULT_BOUNDS: ExplorationBounds = { maxStates: 200_000, maxPaths: 2_000 };

export interface Exploration {
  readonly paths: number;
  readonly states: number;
  /** covered: every target was reached; exhausted: no unexplored choice was left; bound: a bound stopped it. */
  readonly stop: 'covered' | 'exhausted' | 'bound';
  readonly bounds: ExplorationBounds;
  readonly coverage: Coverage;
}

/** At the `point`-th decision point, an organisation takes an action, or the players switch to another policy. */
type Deviation = { readonly point: number; readonly pair: number } | { readonly point: number; readonly policy: Policy };

interface PathSpec {
  readonly policy: Policy;
  readonly deviations: readonly Deviation[];
}

interface Task {
  readonly kind: 'run' | 'expand';
  readonly spec: PathSpec;
  readonly rank: number;
  readonly seq: number;
  /** For a run: the `phase|action|organisation` choice it tries, while nobody has made it yet. */
  readonly novel?: string;
  /** For an expansion: the decision point from which the path joined one explored before. */
  readonly until?: number;
}

interface Visitor {
  /** After every engine call; `point` is the decision point its effects lead to. */
  call?(
    effects: readonly Effect[],
    phaseBefore: string | undefined,
    indicatorsBefore: Readonly<Record<string, number>>,
    point: number,
  ): void;
  beforeLastDeviation?(engine: ExerciseEngine): void;
  /** Decision points the path owns (from its last deviation on); false stops the walk there. */
  point(point: number, engine: ExerciseEngine, state: PathState, policy: Policy): boolean;
  end?(engine: ExerciseEngine): void;
}

/** Above this many (choice × decision point) pairs per path, choices are listed lazily, on a second walk. */
const EAGER_LIMIT = 200_000;
/** Choices kept waiting per path the bounds allow; beyond that the search is bounded, not exhaustive. */
const QUEUED_PER_PATH = 50;
/** Paths remembered per phase as places to start goal-directed paths from. */
const WITNESSES_PER_PHASE = 3;

/**
 * [K1] Explores the compiled machine over players' decisions, on the real engine. A decision point is a moment
 * at which something happened (the start, a delivery, a timer, an action); at each, any organisation may take
 * any action open to it — Control speaking for simulated ones [O1] — or wait for the next one. A path is a
 * policy plus deviations ("at decision point n, organisation o takes action a"). Two policies start it:
 * everyone answers what is expected of them at once, and nobody acts. Goal-directed paths follow for each
 * target still unreached (push the indicators its condition needs, stay in its phase, take its trigger), and
 * single choices best-first: fewest deviations, and choices nobody has made in that phase first. A state seen
 * before under the same policy is not explored again. The search stops when every target is reached, when no
 * choice is left, or at its bounds.
 */
export function exploreScenario(compiled: CompiledScenario, bounds: ExplorationBounds = DEFAULT_BOUNDS): Exploration {
  return new Explorer(compiled, bounds).explore();
}

class Explorer {
  private readonly scenario: Scenario;
  private readonly coverage: Coverage;
  private readonly actions: ReadonlyMap<string, Action>;
  private readonly pairs: readonly { readonly action: Action; readonly by: string }[];
  private readonly players: ExplorationPlayers;
  private readonly witnesses = new Map<string, { spec: PathSpec; point: number }[]>();
  private readonly issued = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly queue = new PriorityQueue<Task>((a, b) => a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq));
  /** `action|organisation` pairs the scenario names: who takes these actions matters. */
  private readonly named: ReadonlySet<string>;
  /** Whether runs list their children as they go; a very large scenario lists them only for paths worth expanding. */
  private readonly eager: boolean;
  private seq = 0;
  private runs = 0;
  /** Set when a choice was left out because the queue was full: the search can no longer say it saw everything. */
  private truncated = false;

  constructor(
    private readonly compiled: CompiledScenario,
    private readonly bounds: ExplorationBounds,
  ) {
    const scenario = compiled.scenario;
    this.scenario = scenario;
    this.coverage = new Coverage(scenario);
    this.actions = new Map(scenario.actions.map((a) => [a.id, a]));
    this.pairs = scenario.actions.flatMap((action) => action.by.map((by) => ({ action, by })));
    this.players = new ExplorationPlayers(scenario, this.pairs, (engine) => this.openPairs(engine));
    this.named = namedTakers(scenario);
    this.eager = this.pairs.length * (scenario.injects.length + scenario.phases.length) <= EAGER_LIMIT;
  }

  explore(): Exploration {
    this.push({ kind: 'run', spec: { policy: DILIGENT, deviations: [] }, rank: 0 });
    this.push({ kind: 'run', spec: { policy: IDLE, deviations: [] }, rank: 0 });
    let stop: Exploration['stop'];
    for (;;) {
      if (this.coverage.remaining() === 0) stop = 'covered';
      else if (this.queue.size === 0) stop = this.truncated ? 'bound' : 'exhausted';
      else if (this.runs >= this.bounds.maxPaths || this.seen.size >= this.bounds.maxStates) stop = 'bound';
      else {
        const task = this.queue.pop()!;
        if (task.kind === 'expand') this.expand(task.spec, task.until ?? Infinity);
        else if (task.novel !== undefined && this.coverage.takenIn.has(task.novel))
          this.push({ ...task, rank: task.rank + 2, novel: undefined });
        else this.run(task.spec);
        continue;
      }
      break;
    }
    return { paths: this.runs, states: this.seen.size, stop, bounds: this.bounds, coverage: this.coverage };
  }

  private push(task: Omit<Task, 'seq'>): void {
    this.queue.push({ ...task, seq: this.seq++ });
  }

  /** Runs one path to its end (or until it joins a state seen before) and records what it reached. */
  private run(spec: PathSpec): void {
    this.runs++;
    const facts = new PathFacts();
    const remaining = this.coverage.remaining();
    const brancher = this.eager ? this.brancher(spec) : undefined;
    const until = this.walk(spec, {
      call: (effects, phaseBefore, indicatorsBefore, point) => {
        this.coverage.observeCall(effects, phaseBefore, indicatorsBefore, facts);
        for (const effect of effects) if (effect.type === 'phase.entered') this.witness(effect.phase, spec, point);
        brancher?.call(effects);
      },
      beforeLastDeviation: (engine) => brancher?.beforeLastDeviation(engine),
      point: (point, engine, state, policy) => {
        const key = state.key(policyId(policy), engine);
        if (this.seen.has(key)) return false;
        this.seen.add(key);
        this.coverage.observePoint(engine, facts);
        brancher?.point(point, engine);
        return true;
      },
      end: (engine) => this.coverage.observeEnd(engine),
    });
    const found = this.coverage.remaining() < remaining;
    if (!brancher) {
      const level = spec.deviations.length + 1;
      this.push({ kind: 'expand', spec, until, rank: found ? level : level + 2 });
    }
    if (found || this.runs <= 2) this.issueGoals();
  }

  /** Walks a path again and queues its children (for scenarios too large to list choices on every run). */
  private expand(spec: PathSpec, until: number): void {
    const brancher = this.brancher(spec);
    this.walk(spec, {
      call: (effects) => brancher.call(effects),
      beforeLastDeviation: (engine) => brancher.beforeLastDeviation(engine),
      point: (point, engine) => point < until && brancher.point(point, engine),
    });
  }

  /**
   * Queues one child per choice the path could have made at each decision point it owns. A choice is tried
   * again at a later point only if something it could depend on changed in between — the phase, an indicator,
   * the level, the actions taken, or an expectation of that action opened — otherwise taking it later leads
   * to the states taking it earlier already led to.
   */
  private brancher(spec: PathSpec) {
    const last = spec.deviations.at(-1);
    const lastPair = last && 'pair' in last ? last : undefined;
    const level = spec.deviations.length + 1;
    let openBefore = new Set<number>();
    let previous: { signature: string; open: ReadonlySet<number> } | undefined;
    const expected = new Set<string>();
    return {
      call: (effects: readonly Effect[]) => {
        for (const effect of effects) if (effect.type === 'expectation.opened') expected.add(effect.expectation.action);
      },
      beforeLastDeviation: (engine: ExerciseEngine) => (openBefore = new Set(this.openPairs(engine))),
      point: (point: number, engine: ExerciseEngine): boolean => {
        if (this.queue.size >= this.bounds.maxPaths * QUEUED_PER_PATH) {
          this.truncated = true;
          return false;
        }
        const context = engine.context;
        const signature = `${context.phase}|${JSON.stringify(context.indicators)}|${context.escalation}|${JSON.stringify(context.taken)}`;
        const changed = previous?.signature !== signature;
        const open = this.openPairs(engine);
        for (const pair of open) {
          // At the last deviation's point, choices already open before it come in one order only.
          if (lastPair && point === lastPair.point && pair <= lastPair.pair && openBefore.has(pair)) continue;
          const { action, by } = this.pairs[pair]!;
          if (!changed && previous!.open.has(pair) && !expected.has(action.id)) continue;
          if (this.standIn(pair, open)) continue;
          const novel = `${context.phase}|${action.id}|${by}`;
          const fresh = !this.coverage.takenIn.has(novel);
          const deviations = [...spec.deviations, { point, pair }];
          this.push({
            kind: 'run',
            spec: { policy: spec.policy, deviations },
            rank: fresh ? level : level + 2,
            ...(fresh ? { novel } : {}),
          });
        }
        previous = { signature, open: new Set(open) };
        expected.clear();
        return true;
      },
    };
  }

  /** Remembers the first paths that entered a phase, to start goal-directed paths from. */
  private witness(phase: string, spec: PathSpec, point: number): void {
    const list = this.witnesses.get(phase) ?? [];
    if (list.length >= WITNESSES_PER_PHASE) return;
    const start = { spec: { policy: spec.policy, deviations: spec.deviations.filter((d) => d.point <= point) }, point };
    const key = JSON.stringify(start);
    if (list.some((w) => JSON.stringify(w) === key)) return;
    list.push(start);
    this.witnesses.set(phase, list);
    if (list.length > 1) this.issueGoals();
  }

  /** Queues a goal-directed path for every unreached target, from each path that reached the target's phase. */
  private issueGoals(): void {
    for (const goal of goalsFor(this.scenario, this.coverage)) {
      const fromStart = goal.phase === undefined || goal.early === true;
      const starts =
        goal.phase === undefined || goal.early
          ? [{ spec: { policy: IDLE, deviations: [] }, point: 0 }]
          : (this.witnesses.get(goal.phase) ?? []);
      starts.forEach((start, index) => {
        const key = `${goal.id}|${index}`;
        if (this.issued.has(key)) return;
        this.issued.add(key);
        const policy: Policy = { kind: 'goal', goal };
        const spec = fromStart
          ? { policy, deviations: [] }
          : { ...start.spec, deviations: [...start.spec.deviations, { point: start.point, policy }] };
        this.push({ kind: 'run', spec, rank: 0.5 });
      });
    }
  }

  /** Replays a path deterministically [D1]; returns the decision point at which it stopped owning states. */
  private walk(spec: PathSpec, visitor: Visitor): number {
    const engine = new ExerciseEngine(this.compiled);
    const state = new PathState(this.scenario);
    let policy = spec.policy;
    let started = false;
    let point = 0;
    const call = (fn: () => Effect[], leadsTo: number) => {
      const phaseBefore = started ? engine.context.phase : undefined;
      const indicatorsBefore = started ? engine.context.indicators : this.compiled.machine.context.indicators;
      const effects = fn();
      started = true;
      state.observe(effects);
      visitor.call?.(effects, phaseBefore, indicatorsBefore, leadsTo);
    };
    const act: Act = (action, by) =>
      call(() => {
        const report = this.actions.get(action)?.report ? { text: 'Written by the scenario check.' } : {};
        const result = engine.act({ action, by, ...report });
        if (!result.ok) throw new Error(`the check replayed a path that the engine refuses: ${result.message}`);
        return result.effects;
      }, point);

    call(() => engine.start(), 0);
    const deviations = spec.deviations;
    const lastPoint = deviations.at(-1)?.point ?? -1;
    let next = 0;
    for (; ; point++) {
      this.players.settle(policy, engine, state, act);
      while (!engine.ended && next < deviations.length && deviations[next]!.point === point) {
        const deviation = deviations[next]!;
        if (next === deviations.length - 1) visitor.beforeLastDeviation?.(engine);
        if ('policy' in deviation) policy = deviation.policy;
        else act(this.pairs[deviation.pair]!.action.id, this.pairs[deviation.pair]!.by);
        this.players.settle(policy, engine, state, act);
        next++;
      }
      if (engine.ended) {
        visitor.end?.(engine);
        return Infinity;
      }
      if (point >= lastPoint && !visitor.point(point, engine, state, policy)) return point;
      const due = engine.nextDueAt();
      if (due === undefined) return Infinity;
      call(() => engine.advanceTo(due), point + 1);
    }
  }

  /**
   * Whether another organisation can stand in for this one: nothing in the scenario names who takes this
   * action (no condition, follow-up or expectation with `by`), and an earlier such organisation may take it
   * now. The states after either choice mirror each other, so one of them is enough.
   */
  private standIn(pair: number, open: readonly number[]): boolean {
    const { action, by } = this.pairs[pair]!;
    if (this.named.has(`${action.id}|${by}`)) return false;
    return open.some(
      (other) => other < pair && this.pairs[other]!.action === action && !this.named.has(`${action.id}|${this.pairs[other]!.by}`),
    );
  }

  private openPairs(engine: ExerciseEngine): number[] {
    const open: number[] = [];
    this.pairs.forEach((pair, index) => {
      if (engine.refusal(pair.action.id, pair.by) === undefined) open.push(index);
    });
    return open;
  }
}
