import { formatClock, parseDuration } from '../../shared/scenario/duration.ts';

/**
 * Times in an MSEL. An offset from the start of the exercise is `+01:30`, `01:30`, `1:30:00`, `T+01:30`,
 * `PT1H30M` or `90m`. With a start time on the command line (`--start 09:00`), a bare `09:45` is a clock
 * time of the first exercise day and `Day 2 09:00` (or `D2 09:00`, `Dag 2 09:00`) one of a later day;
 * a time with `+` stays an offset.
 */
export type TimeResult = { readonly seconds: number } | { readonly error: string; readonly hint: string };

const OFFSET = /^(?:[TH]\s*)?\+\s*(\d{1,3})[:.](\d{2})(?:[:.](\d{2}))?$/i;
const BARE = /^(\d{1,3})[:.](\d{2})(?:[:.](\d{2}))?$/;
const DAY_CLOCK = /^(?:(?:day|dag|d)\s*(\d{1,2})\s*,?\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/i;

const OFFSET_HINT = 'write an offset from the start like +01:30, 01:30 or PT1H30M';

/** A duration cell (Phase Time, a trigger's delay, `within`): offsets only, never a clock time. */
export function parseOffset(cell: string): TimeResult {
  const text = cell.trim();
  if (text.startsWith('-'))
    return { error: `"${text}" is before the start`, hint: 'times count from the start of the exercise: use 00:00 or later' };
  const match = OFFSET.exec(text) ?? BARE.exec(text);
  if (match) return hms(text, Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
  const seconds = parseDuration(text);
  if (seconds !== undefined) return { seconds };
  return { error: `"${text}" is not a time`, hint: OFFSET_HINT };
}

/** The Time column: an offset, or with `start` (seconds after midnight) a clock time. */
export function parseExerciseTime(cell: string, start: number | undefined): TimeResult {
  const text = cell.trim();
  if (start === undefined || OFFSET.test(text) || /^P/i.test(text) || /^\d+[dhms]/i.test(text)) {
    if (start === undefined && /^(?:day|dag|d)\s*\d/i.test(text))
      return { error: `"${text}" is a clock time on a given day`, hint: 'give the clock time the exercise starts, e.g. --start 09:00' };
    const offset = parseOffset(text);
    return 'error' in offset && offset.hint === OFFSET_HINT
      ? { ...offset, hint: `${OFFSET_HINT}, or a clock time like 09:45 with --start 09:00` }
      : offset;
  }
  const match = DAY_CLOCK.exec(text);
  if (!match)
    return {
      error: `"${text}" is not a clock time`,
      hint: `write a clock time like 09:45 or Day 2 09:00 (the exercise starts at ${formatClock(start)}), or an offset like +01:30`,
    };
  const day = Number(match[1] ?? 1);
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59 || day < 1)
    return { error: `"${text}" is not a clock time`, hint: 'hours run 0–23, minutes and seconds 0–59, days from 1' };
  const at = (day - 1) * 86_400 + hours * 3_600 + minutes * 60 + seconds - start;
  if (at < 0)
    return {
      error: `${text} is before the start of the exercise (${formatClock(start)})`,
      hint: `write Day 2 ${text} for the next day, or give an earlier --start`,
    };
  return { seconds: at };
}

/** `--start 09:00` as seconds after midnight, or undefined when it is not a clock time. */
export function parseStart(text: string): number | undefined {
  const match = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return hours > 23 || minutes > 59 || seconds > 59 ? undefined : hours * 3_600 + minutes * 60 + seconds;
}

/** An offset as the export writes it: `+01:30`, `+25:00:30`. */
export function formatOffset(seconds: number): string {
  return `+${formatClock(seconds)}`;
}

function hms(text: string, hours: number, minutes: number, seconds: number): TimeResult {
  if (minutes > 59 || seconds > 59) return { error: `"${text}" is not a time`, hint: 'minutes and seconds run from 00 to 59' };
  return { seconds: hours * 3_600 + minutes * 60 + seconds };
}
