import { parse } from 'yaml';
import { ConditionSchema, type Condition } from '../../shared/scenario/conditionSchema.ts';
import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';
import { formatOffset, parseOffset } from './mselTime.ts';

/**
 * SimCell's `Trigger` column, for injects that do not come at a time: `on notify-ncsc` (when the action
 * is taken [J4]), `on notify-ncsc by trust-ca +00:05` (by that organisation, five minutes later), and
 * `when { indicator: media, atLeast: 50 }` (as soon as the condition holds [J5]), the condition written
 * as in a scenario file.
 */
export type MselTrigger =
  | { readonly kind: 'on'; readonly action: string; readonly by?: string; readonly delaySeconds: number }
  | { readonly kind: 'when'; readonly condition: Condition };

const ON = /^(?:on|after)\s+(\S+)(?:\s+by\s+(\S+))?(?:\s+(\S+))?$/i;
const HINT = 'write on <action> [by <organisation>] [+00:05], or when { indicator: <id>, below: 40 } (see docs/msel.md)';

export function parseTrigger(cell: string): MselTrigger | { error: string; hint: string } {
  const text = cell.trim().replace(/\s+/g, ' ');
  const on = ON.exec(text);
  if (on) {
    const [, action, by, delay] = on as unknown as [string, string, string | undefined, string | undefined];
    for (const id of [action, by]) {
      if (id !== undefined && !ID_PATTERN.test(id))
        return {
          error: `"${id}" in the trigger is not an id`,
          hint: 'an action or organisation id is lower-case letters, digits and hyphens',
        };
    }
    if (delay === undefined) return { kind: 'on', action, ...(by ? { by } : {}), delaySeconds: 0 };
    const seconds = parseOffset(delay);
    if ('error' in seconds) return { error: `the delay ${seconds.error}`, hint: 'write the delay after the action like +00:05 or PT5M' };
    return { kind: 'on', action, ...(by ? { by } : {}), delaySeconds: seconds.seconds };
  }
  const when = /^when\s+(.+)$/is.exec(text);
  if (when) {
    let data: unknown;
    try {
      data = parse(when[1]!);
    } catch {
      return { error: `"${when[1]}" is not a condition`, hint: 'write the condition in braces: when { action: notify-ncsc, not: true }' };
    }
    const condition = ConditionSchema.safeParse(data);
    if (!condition.success)
      return {
        error: `"${when[1]}" is not a condition: ${condition.error.issues[0]?.message ?? 'unknown shape'}`,
        hint: 'conditions are written as in a scenario (docs/scenario-spec.md §10): { indicator: media, atLeast: 50 }, { action: x, not: true }, { all: [ … ] }',
      };
    return { kind: 'when', condition: condition.data };
  }
  return { error: `"${text}" is not a trigger`, hint: HINT };
}

export function formatTrigger(trigger: MselTrigger): string {
  if (trigger.kind === 'when') return `when ${formatCondition(trigger.condition)}`;
  return [
    'on',
    trigger.action,
    ...(trigger.by ? ['by', trigger.by] : []),
    ...(trigger.delaySeconds ? [formatOffset(trigger.delaySeconds)] : []),
  ].join(' ');
}

/** A condition in YAML flow style, as a trainer would write it: `{ indicator: media, atLeast: 50 }`. */
export function formatCondition(condition: Condition): string {
  if ('all' in condition) return `{ all: [${condition.all.map(formatCondition).join(', ')}] }`;
  if ('any' in condition) return `{ any: [${condition.any.map(formatCondition).join(', ')}] }`;
  const entries = Object.entries(condition).filter(([, value]) => value !== undefined);
  return `{ ${entries.map(([k, v]) => `${k}: ${typeof v === 'string' && !/^[a-z][a-z0-9-]*$/.test(v) ? JSON.stringify(v) : String(v)}`).join(', ')} }`;
}

/** The ids a condition names, by kind, so that the import can declare or check them. */
export function conditionRefs(
  condition: Condition,
  into: ConditionRefs = { indicators: [], levels: [], actions: [], organisations: [], phases: [] },
): ConditionRefs {
  if ('all' in condition) condition.all.forEach((c) => conditionRefs(c, into));
  else if ('any' in condition) condition.any.forEach((c) => conditionRefs(c, into));
  else if ('indicator' in condition) into.indicators.push(condition);
  else if ('escalation' in condition) into.levels.push(condition.escalation);
  else if ('phase' in condition) into.phases.push(condition.phase);
  else {
    into.actions.push(condition.action);
    if (condition.by !== undefined) into.organisations.push(condition.by);
  }
  return into;
}

export interface ConditionRefs {
  readonly indicators: Extract<Condition, { indicator: string }>[];
  readonly levels: string[];
  readonly actions: string[];
  readonly organisations: string[];
  readonly phases: string[];
}

/**
 * An indicator that `when:` conditions name but the MSEL cannot declare: 0–100 (wider if a bound lies
 * outside), starting at the first of min, max and the middle where none of the conditions holds, so
 * that the trigger does not fire at once.
 */
export function indicatorFor(id: string, atoms: ConditionRefs['indicators'], label: unknown): Record<string, unknown> {
  const bounds = atoms.flatMap((a) => [a.below, a.above, a.atLeast, a.atMost].filter((b): b is number => b !== undefined));
  const min = Math.min(0, ...bounds);
  const max = Math.max(100, ...bounds);
  const holds = (v: number, a: ConditionRefs['indicators'][number]) =>
    (a.below === undefined || v < a.below) &&
    (a.above === undefined || v > a.above) &&
    (a.atLeast === undefined || v >= a.atLeast) &&
    (a.atMost === undefined || v <= a.atMost);
  const initial = [min, max, Math.round((min + max) / 2)].find((v) => !atoms.some((a) => holds(v, a))) ?? min;
  return { id, label, initial, min, max };
}
