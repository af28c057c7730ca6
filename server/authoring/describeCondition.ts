import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';

/** A condition as an author reads it in a hint or on a diagram: `pki-trust < 30`, `notify-ncsc taken by bank`. */
export function describeCondition(c: Condition): string {
  if ('indicator' in c) {
    const parts: string[] = [];
    if (c.below !== undefined) parts.push(`${c.indicator} < ${c.below}`);
    if (c.above !== undefined) parts.push(`${c.indicator} > ${c.above}`);
    if (c.atLeast !== undefined) parts.push(`${c.indicator} ≥ ${c.atLeast}`);
    if (c.atMost !== undefined) parts.push(`${c.indicator} ≤ ${c.atMost}`);
    return parts.join(' and ');
  }
  if ('escalation' in c) return `escalation ≥ ${c.escalation}`;
  if ('action' in c) return `${c.action} ${c.not ? 'not taken' : 'taken'}${c.by === undefined ? '' : ` by ${c.by}`}`;
  if ('phase' in c) return `in ${c.phase}`;
  if ('all' in c) return c.all.length === 1 ? describeCondition(c.all[0]!) : `(${c.all.map(describeCondition).join(' and ')})`;
  return c.any.length === 1 ? describeCondition(c.any[0]!) : `(${c.any.map(describeCondition).join(' or ')})`;
}

/** `PT1H30M` as an author would write it in a message; `PT0S` for zero. */
export const describeDuration = (seconds: number): string => formatDuration(seconds);

/**
 * Why a condition can never hold because it compares an indicator with a value its bounds exclude
 * (`below: 0` on an indicator whose min is 0), or undefined when the bounds allow it.
 */
export function impossibleByBounds(c: Condition, scenario: Scenario): string | undefined {
  if ('indicator' in c) {
    const indicator = scenario.indicators.find((i) => i.id === c.indicator);
    if (!indicator) return undefined;
    let low = indicator.min;
    let high = indicator.max;
    let lowOpen = false;
    let highOpen = false;
    if (c.atLeast !== undefined && c.atLeast > low) [low, lowOpen] = [c.atLeast, false];
    if (c.above !== undefined && c.above >= low) [low, lowOpen] = [c.above, true];
    if (c.atMost !== undefined && c.atMost < high) [high, highOpen] = [c.atMost, false];
    if (c.below !== undefined && c.below <= high) [high, highOpen] = [c.below, true];
    const empty = low > high || (low === high && (lowOpen || highOpen));
    return empty
      ? `${c.indicator} stays between ${indicator.min} and ${indicator.max}, so ${describeCondition(c)} never holds [I2]`
      : undefined;
  }
  if ('all' in c) return c.all.map((inner) => impossibleByBounds(inner, scenario)).find((reason) => reason !== undefined);
  if ('any' in c) {
    const reasons = c.any.map((inner) => impossibleByBounds(inner, scenario));
    return reasons.every((reason) => reason !== undefined) ? reasons.join('; ') : undefined;
  }
  return undefined;
}
