import { parse } from 'yaml';
import type { Scenario } from '../../shared/scenario/scenario.ts';

/** Where something is written in the scenario file: the YAML path, and whether to point at its key. */
export interface Where {
  readonly path: readonly (string | number)[];
  readonly atKey?: boolean;
}

export type TransitionKind = 'on' | 'after' | 'when';

/** What put an indicator effect in the file: a phase's entry, an inject, or an action. */
export type EffectSource = { readonly kind: 'phase' | 'inject' | 'action'; readonly id: string };

/**
 * The YAML paths of a normalised scenario's parts, so that findings about the compiled machine point at the
 * line the author wrote. The scenario keeps ids and order, not paths; the source gives back what
 * normalisation dropped (how an `after:` delay was spelt).
 */
export class ScenarioLocations {
  private readonly injectPaths = new Map<string, readonly (string | number)[]>();
  private readonly actionIndex: ReadonlyMap<string, number>;
  private readonly objectiveIndex: ReadonlyMap<string, number>;
  /** How each phase's `after:` delays were spelt, read from the source only when a finding needs one. */
  private afterKeys: Map<string, string[]> | undefined;

  constructor(
    scenario: Scenario,
    private readonly source: string,
  ) {
    const perPhase = new Map<string | undefined, number>();
    for (const inject of scenario.injects) {
      const index = perPhase.get(inject.phase) ?? 0;
      perPhase.set(inject.phase, index + 1);
      this.injectPaths.set(inject.id, inject.phase === undefined ? ['timeline', index] : ['phases', inject.phase, 'injects', index]);
    }
    this.actionIndex = new Map(scenario.actions.map((a, i) => [a.id, i]));
    this.objectiveIndex = new Map(scenario.objectives.map((o, i) => [o.id, i]));
  }

  phase(id: string): Where {
    return { path: ['phases', id], atKey: true };
  }

  inject(id: string): Where {
    return { path: this.injectPaths.get(id) ?? ['timeline'] };
  }

  action(id: string): Where {
    return { path: ['actions', this.actionIndex.get(id) ?? 0] };
  }

  objective(id: string): Where {
    return { path: ['objectives', this.objectiveIndex.get(id) ?? 0] };
  }

  expectation(injectId: string, index: number): Where {
    return { path: [...this.inject(injectId).path, 'expects', index] };
  }

  /** The n-th `on`, `after` or `when` entry of a phase, as normalised (file order). */
  transition(phase: string, kind: TransitionKind, index: number, action?: string): Where {
    if (kind === 'on') return { path: ['phases', phase, 'on', action ?? ''], atKey: true };
    if (kind === 'after') return { path: ['phases', phase, 'after', this.afterKey(phase, index)], atKey: true };
    return { path: ['phases', phase, 'when', index] };
  }

  private afterKey(phase: string, index: number): string {
    if (!this.afterKeys) {
      const raw = parse(this.source) as { phases?: Record<string, { after?: Record<string, unknown> } | null> };
      this.afterKeys = new Map(Object.entries(raw.phases ?? {}).map(([id, p]) => [id, Object.keys(p?.after ?? {})]));
    }
    return this.afterKeys.get(phase)?.[index] ?? '';
  }

  /** The line of one indicator's delta in an effect. */
  effect(source: EffectSource, indicator: string): Where {
    const base =
      source.kind === 'phase'
        ? ['phases', source.id]
        : source.kind === 'inject'
          ? [...this.inject(source.id).path]
          : [...this.action(source.id).path];
    return { path: [...base, 'effects', 'indicators', indicator], atKey: true };
  }

  /** The `phases:` key itself, for findings about the scenario's phases as a whole. */
  phases(): Where {
    return { path: ['phases'], atKey: true };
  }
}
