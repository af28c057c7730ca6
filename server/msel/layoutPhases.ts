import { DEFAULT_WITHIN_SECONDS } from './mselExpectations.ts';
import { formatOffset } from './mselTime.ts';
import type { MselRow } from './readMselRows.ts';

/**
 * When each row's inject comes, as a scenario says it. An MSEL's times count from the start of the
 * exercise; a scenario's phase injects count from entering their phase [J2]. So the phases run one after
 * another in the order they first appear: the first starts at 0, each next one at its earliest exercise
 * time, or — when its rows only give times in the phase — once the phase before it has run its course
 * (its last inject and that inject's expected actions, at least PHASE_TAIL_SECONDS). Rows without a
 * phase stay on the timeline with their exercise time [J3].
 */
export const PHASE_TAIL_SECONDS = 30 * 60;

export interface RowTiming {
  readonly row: MselRow;
  /** Seconds after the phase starts (or the exercise, on the timeline); undefined for a trigger. */
  readonly at?: number;
}

export interface PhaseLayout {
  readonly id: string;
  readonly title: string;
  /** Exercise time at which it begins when nobody acts. */
  readonly start: number;
  /** Seconds after which it moves on to the next phase; undefined for the last. */
  readonly after?: number;
  readonly rows: RowTiming[];
}

export interface Layout {
  readonly timeline: RowTiming[];
  readonly phases: PhaseLayout[];
  /** When the exercise should end: the last inject's expected actions are due. */
  readonly endSeconds: number;
  readonly problems: { readonly row: MselRow; readonly onTime: boolean; readonly message: string; readonly hint: string }[];
}

export function layoutPhases(rows: readonly MselRow[]): Layout {
  const problems: Layout['problems'] = [];
  const tailOf = (row: MselRow) => Math.max(PHASE_TAIL_SECONDS, ...row.expects.map((e) => e.withinSeconds ?? DEFAULT_WITHIN_SECONDS));
  let end = PHASE_TAIL_SECONDS;

  const timeline = rows.filter((row) => !row.phase).map((row) => ({ row, ...(row.time !== undefined ? { at: row.time } : {}) }));
  for (const { row, at } of timeline) if (at !== undefined) end = Math.max(end, at + tailOf(row));

  const grouped = new Map<string, { title: string; rows: MselRow[] }>();
  for (const row of rows) {
    if (!row.phase) continue;
    const group = grouped.get(row.phase.id) ?? { title: row.phase.name, rows: [] };
    group.rows.push(row);
    grouped.set(row.phase.id, group);
  }

  const phases: { id: string; title: string; start: number; after?: number; rows: MselRow[] }[] = [];
  for (const [id, { title, rows: phaseRows }] of grouped) {
    const previous = phases.at(-1);
    let start = 0;
    if (previous) {
      const offsets = previous.rows.map((row) => ({ row, at: row.time !== undefined ? row.time - previous.start : row.phaseTime }));
      const timed = phaseRows.filter((row) => row.time !== undefined);
      if (timed.length) {
        const first = timed.reduce((a, b) => (b.time! < a.time! ? b : a));
        start = first.time!;
        if (start <= previous.start)
          problems.push({
            row: first,
            onTime: true,
            message: `phase "${title}" would begin at ${formatOffset(start)}, its earliest row, but phase "${previous.title}" before it begins at ${formatOffset(previous.start)}`,
            hint: 'phases run in the order they first appear: order the rows by time, or fix the time',
          });
      } else
        start = previous.start + Math.max(PHASE_TAIL_SECONDS, ...offsets.map(({ row, at }) => (at === undefined ? 0 : at + tailOf(row))));
      for (const { row, at } of offsets)
        if (at !== undefined && start > previous.start && at >= start - previous.start)
          problems.push({
            row,
            onTime: row.time !== undefined,
            message: `at ${formatOffset(previous.start + at)} this inject would come after phase "${title}" began (${formatOffset(start)}), so it would never arrive`,
            hint: `move it to phase "${title}", or make it earlier`,
          });
      previous.after = start - previous.start;
    }
    phases.push({ id, title, start, rows: phaseRows });
    for (const row of phaseRows) {
      const at = row.time !== undefined ? row.time - start : row.phaseTime;
      if (at !== undefined) end = Math.max(end, start + at + tailOf(row));
    }
  }

  return {
    timeline,
    phases: phases.map((p) => ({
      ...p,
      rows: p.rows.map((row) => {
        const at = row.time !== undefined ? row.time - p.start : row.phaseTime;
        return { row, ...(at !== undefined ? { at } : {}) };
      }),
    })),
    endSeconds: end,
    problems,
  };
}
