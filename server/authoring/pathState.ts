import type { Inject, Scenario } from '../../shared/scenario/scenario.ts';
import type { Effect, ExpectationRecord } from '../engine/effects.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';

/**
 * What one explored path knows about the engine besides its snapshot, kept up to date from the effects of
 * every call, and a key of the state at a decision point. Two decision points with the same key have the
 * same future under the same players' policy: the key holds the time, the phase and when it was entered,
 * the indicators, the level, the actions taken, the injects delivered, the follow-ups waiting and every
 * expectation (pending ones with their delivery time, which fixes their deadline and SimCell's answer).
 * The sets are kept as sums of hashes, so a key costs the same after 28,000 deliveries as after ten.
 */
export class PathState {
  phase: string;
  phaseEnteredAt = 0;
  /** Pending expectations in the order they were opened (what a diligent player answers). */
  readonly pending = new Map<string, ExpectationRecord>();
  readonly taken = new Set<string>();
  readonly delivered = new Set<string>();
  private readonly followUps = new Map<string, number>();
  private readonly onAction = new Map<string, Inject[]>();
  private readonly takenSum = new MultisetHash();
  private readonly deliveredSum = new MultisetHash();
  private readonly expectationSum = new MultisetHash();

  constructor(private readonly scenario: Scenario) {
    this.phase = scenario.start;
    for (const inject of scenario.injects) {
      if (inject.trigger.kind !== 'on' || inject.trigger.delaySeconds === 0) continue;
      const list = this.onAction.get(inject.trigger.action) ?? [];
      list.push(inject);
      this.onAction.set(inject.trigger.action, list);
    }
  }

  observe(effects: readonly Effect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'phase.entered':
          this.phase = effect.phase;
          this.phaseEnteredAt = effect.at;
          break;
        case 'inject.delivered':
          if (this.delivered.has(effect.inject.id)) break;
          this.delivered.add(effect.inject.id);
          this.deliveredSum.add(effect.inject.id);
          this.followUps.delete(effect.inject.id);
          break;
        case 'action.taken': {
          const pair = `${effect.action}/${effect.by}`;
          if (!this.taken.has(pair)) {
            this.taken.add(pair);
            this.takenSum.add(pair);
          }
          // Every follow-up this action may have started [J4]; one too many only makes keys finer.
          for (const inject of this.onAction.get(effect.action) ?? []) {
            const trigger = inject.trigger;
            if (trigger.kind !== 'on' || (trigger.by !== undefined && trigger.by !== effect.by)) continue;
            if (!this.delivered.has(inject.id) && !this.followUps.has(inject.id))
              this.followUps.set(inject.id, effect.at + trigger.delaySeconds * 1000);
          }
          break;
        }
        case 'expectation.opened':
          this.pending.set(effect.expectation.id, effect.expectation);
          this.expectationSum.add(pendingEntry(effect.expectation));
          break;
        case 'expectation.scored': {
          const opened = this.pending.get(effect.expectation.id);
          if (opened) this.expectationSum.remove(pendingEntry(opened));
          this.pending.delete(effect.expectation.id);
          this.expectationSum.add(`${effect.expectation.id}=${effect.expectation.status}`);
          break;
        }
        default:
          break;
      }
    }
  }

  /** The key of the engine's state now, under a players' policy. */
  key(policy: string, engine: ExerciseEngine): string {
    const context = engine.context;
    const now = engine.now;
    const indicators = this.scenario.indicators.map((i) => context.indicators[i.id]).join(',');
    const waiting = [...this.followUps]
      .filter(([, due]) => due >= now)
      .map(([id, due]) => `${id}@${due}`)
      .sort()
      .join(',');
    return [
      policy,
      now,
      context.phase,
      this.phaseEnteredAt,
      context.escalation,
      indicators,
      this.takenSum,
      this.deliveredSum,
      this.expectationSum,
      Object.keys(context.triggered).length,
      waiting,
    ].join('|');
  }
}

const pendingEntry = (record: ExpectationRecord): string => `${record.id}@${record.deliveredAt}`;

/** A set (or multiset) summarised as two 32-bit sums of FNV-1a hashes; adding and removing cost O(length). */
class MultisetHash {
  private a = 0;
  private b = 0;
  add(item: string): void {
    this.a = (this.a + fnv(item, 0x811c9dc5)) >>> 0;
    this.b = (this.b + fnv(item, 0x01000193)) >>> 0;
  }
  remove(item: string): void {
    this.a = (this.a - fnv(item, 0x811c9dc5)) >>> 0;
    this.b = (this.b - fnv(item, 0x01000193)) >>> 0;
  }
  toString(): string {
    return `${this.a.toString(36)}.${this.b.toString(36)}`;
  }
}

function fnv(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
