import { formatClock } from '../../shared/scenario/duration.ts';
import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';
import { parseOffset } from './mselTime.ts';

/**
 * The Expected Action and Objective cells. Each line of Expected Action is one action the recipients are
 * expected to take; SimCell detail may follow in square brackets:
 *
 *   Report the incident to NCSC [notify-ncsc; by trust-ca; within 00:30; auto control]
 *
 * (the action's id, who is expected — the recipients if left out —, the window — 30 minutes if left
 * out — and when SimCell answers for a simulated organisation [X3]). The Objective cell has one line, for
 * every expected action of the row, or one line per expected action, each `text [objective-id]`.
 */
export const DEFAULT_WITHIN_SECONDS = 30 * 60;

export interface ExpectedActionLine {
  readonly label: string;
  readonly id?: string;
  readonly by?: readonly string[];
  readonly withinSeconds?: number;
  readonly auto?: number | 'control';
}

export interface ObjectiveLine {
  readonly text: string;
  readonly id?: string;
}

type Failure = { readonly error: string; readonly hint: string };
const DETAIL_HINT =
  'write SimCell detail as [action-id; by organisation, …; within 00:30; auto control], or use round brackets for a remark';

const lines = (cell: string) =>
  cell
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Splits `text [detail]` at its final bracket pair. */
function splitDetail(line: string): { text: string; detail?: string } | Failure {
  const match = /^(.*?)\s*\[([^\]]*)\]$/.exec(line);
  if (match) return { text: match[1]!.trim(), detail: match[2]!.trim() };
  if (/[[\]]/.test(line)) return { error: `"${line}" has an unmatched square bracket`, hint: DETAIL_HINT };
  return { text: line };
}

export function parseExpectedActions(cell: string): ExpectedActionLine[] | Failure {
  const parsed: ExpectedActionLine[] = [];
  for (const line of lines(cell)) {
    const split = splitDetail(line);
    if ('error' in split) return split;
    if (split.detail === undefined) {
      parsed.push({ label: split.text });
      continue;
    }
    let id: string | undefined;
    let by: string[] | undefined;
    let withinSeconds: number | undefined;
    let auto: number | 'control' | undefined;
    for (const item of split.detail.split(';').map((s) => s.trim())) {
      const [word, ...rest] = item.split(/\s+/);
      const value = rest.join(' ');
      if (word === 'by' && value) {
        by = value.split(/\s*,\s*/);
        const bad = by.find((org) => !ID_PATTERN.test(org));
        if (bad !== undefined)
          return { error: `"${bad}" after "by" is not an organisation id`, hint: 'write by bank-a, bank-b with the ids of organisations' };
      } else if ((word === 'within' || word === 'auto') && value) {
        if (word === 'auto' && value === 'control') {
          auto = 'control';
          continue;
        }
        const time = parseOffset(value);
        if ('error' in time) return { error: `${word} ${time.error}`, hint: `write ${word} 00:30 (or PT30M)` };
        if (word === 'within') {
          if (time.seconds <= 0) return { error: 'an expected action needs a window longer than zero', hint: 'write within 00:30' };
          withinSeconds = time.seconds;
        } else auto = time.seconds;
      } else if (id === undefined && rest.length === 0 && ID_PATTERN.test(item)) id = item;
      else return { error: `"${item}" in "[${split.detail}]" is not SimCell detail`, hint: DETAIL_HINT };
    }
    const label = split.text || id;
    if (label === undefined) return { error: `"${line}" names no action`, hint: 'write what the players should do, e.g. Report to NCSC' };
    parsed.push({
      label,
      ...(id ? { id } : {}),
      ...(by ? { by } : {}),
      ...(withinSeconds ? { withinSeconds } : {}),
      ...(auto !== undefined ? { auto } : {}),
    });
  }
  return parsed;
}

export function parseObjectives(cell: string): ObjectiveLine[] | Failure {
  const parsed: ObjectiveLine[] = [];
  for (const line of lines(cell)) {
    const split = splitDetail(line);
    if ('error' in split) return { ...split, hint: 'give an objective\'s id as "text [objective-id]"' };
    if (split.detail !== undefined && !ID_PATTERN.test(split.detail))
      return {
        error: `"[${split.detail}]" is not an objective id`,
        hint: 'an id is lower-case letters, digits and hyphens, like [early-warning]',
      };
    const text = split.text || split.detail;
    if (!text) continue;
    parsed.push({ text, ...(split.detail ? { id: split.detail } : {}) });
  }
  return parsed;
}

/** The labels of a language column: the text of each line, without any detail. */
export function lineTexts(cell: string): string[] {
  return lines(cell).map((line) => line.replace(/\s*\[[^\]]*\]$/, '').trim());
}

export function formatExpectedAction(
  label: string,
  detail: { id: string; by?: readonly string[]; withinSeconds: number; auto?: number | 'control' },
): string {
  const items = [detail.id];
  if (detail.by) items.push(`by ${detail.by.join(', ')}`);
  items.push(`within ${formatClock(detail.withinSeconds)}`);
  if (detail.auto !== undefined) items.push(`auto ${detail.auto === 'control' ? 'control' : formatClock(detail.auto)}`);
  return `${oneLine(label)} [${items.join('; ')}]`;
}

export function formatObjective(text: string, id: string): string {
  return `${oneLine(text)} [${id}]`;
}

/** A label on one line of the cell: the cell's lines are its entries. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
