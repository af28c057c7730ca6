import type { CsvTable } from './readCsv.ts';
import { describeColumn, languagesOf, MSEL_ALIASES, mapColumns, type ColumnMap, type MselField } from './mselColumns.ts';
import type { MselProblem } from './mselProblem.ts';
import { readMselRow, type MselRow } from './readMselRow.ts';

export type { MselRow } from './readMselRow.ts';

/** An MSEL's rows under its header row, read cell by cell, with every problem and warning. */
export interface MselRows {
  readonly rows: MselRow[];
  readonly languages: string[];
  readonly columns?: ColumnMap;
  /** The header row's place, for messages. */
  readonly headerRow: number;
  readonly problems: MselProblem[];
  readonly warnings: MselProblem[];
}

export interface ReadOptions {
  readonly file: string;
  /** Seconds after midnight of `--start`: clock times in the Time column count from it. */
  readonly start?: number;
  /** The language of text columns that name none (default en). */
  readonly language?: string;
}

/** The first row with at least two known headers is the header row; rows above it (a title) are skipped. */
const HEADER_SEARCH = 10;

export function readMselRows(table: CsvTable, options: ReadOptions): MselRows {
  const { file } = options;
  const problems: MselProblem[] = table.problems.map((p) => ({ file, line: p.line, message: p.message, hint: p.hint }));
  const warnings: MselProblem[] = [];
  const empty = { rows: [], languages: [], headerRow: 0, problems, warnings };
  const headerIndex = table.records.slice(0, HEADER_SEARCH).findIndex((r) => mapColumns(r.cells).known >= 2);
  if (headerIndex < 0) {
    problems.push({
      file,
      row: 1,
      line: table.records[0]?.line ?? 1,
      message: 'no header row: none of the first rows names at least two MSEL columns',
      hint: 'start the sheet with a row of column names such as Time, From, To, Subject, Message (see docs/msel.md)',
    });
    return empty;
  }
  const header = table.records[headerIndex]!;
  const columns = mapColumns(header.cells);
  const skipped = table.records.slice(0, headerIndex).filter((r) => r.cells.some((c) => c.trim() !== ''));
  for (const record of skipped)
    warnings.push({
      file,
      row: table.records.indexOf(record) + 1,
      line: record.line,
      message: `above the header row, not read: "${record.cells
        .filter((c) => c.trim())
        .join(' ')
        .slice(0, 60)}"`,
    });
  for (const column of columns.unknown)
    warnings.push({
      file,
      row: headerIndex + 1,
      line: header.line,
      column: describeColumn(column),
      message: 'unknown column: its cells are kept as comments in the scenario',
      hint: `the columns SimCell reads are ${Object.values(MSEL_ALIASES)
        .map((aliases) => aliases[0])
        .join(', ')} (docs/msel.md lists the other names)`,
    });
  for (const column of columns.unused)
    warnings.push({
      file,
      row: headerIndex + 1,
      line: header.line,
      column: describeColumn(column),
      message: `a second ${column.field} column: "${column.usedHeader}" is used, this one is kept as comments`,
      hint: 'rename one of them (for example to Notes) if that is not what you meant',
    });

  const fatal = (message: string, hint: string) => problems.push({ file, row: headerIndex + 1, line: header.line, message, hint });
  const names = (...fields: MselField[]) => fields.flatMap((f) => MSEL_ALIASES[f].slice(0, 2)).join(', ');
  if (!columns.fields.time && !columns.fields.phaseTime && !columns.fields.trigger)
    fatal('no time column', `add a column named ${names('time')} (or Phase Time, Trigger)`);
  if (!columns.fields.to) fatal('no recipients column', `add a column named ${names('to')}`);
  if (!columns.texts.subject && !columns.texts.message) fatal('no message column', `add a column named ${names('message', 'subject')}`);

  const languages = languagesOf(columns, options.language ?? 'en');
  if ('error' in languages) fatal(languages.error, languages.hint);
  if (problems.length) return { ...empty, headerRow: headerIndex + 1 };
  const langs = languages as string[];
  if (!columns.fields.channel)
    warnings.push({
      file,
      row: headerIndex + 1,
      line: header.line,
      message: 'no inject type column: every inject comes by email',
      hint: `add a column named ${names('channel')}`,
    });

  const context = {
    file,
    columns,
    headerLength: header.cells.length,
    languages: langs,
    ...(options.start !== undefined ? { start: options.start } : {}),
  };
  const rows: MselRow[] = [];
  for (let r = headerIndex + 1; r < table.records.length; r++) {
    const record = table.records[r]!;
    if (record.cells.every((c) => c.trim() === '')) continue;
    const read = readMselRow(record.cells, r + 1, record.line, context);
    problems.push(...read.problems);
    if (read.row) rows.push(read.row);
  }
  return { rows, languages: langs, columns, headerRow: headerIndex + 1, problems, warnings };
}
