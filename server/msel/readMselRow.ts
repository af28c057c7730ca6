import type { Channel } from '../../shared/scenario/channels.ts';
import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';
import { normaliseTlp, TLP_LABELS, type TlpLabel } from '../../shared/scenario/tlp.ts';
import { channelOfCell } from './mselChannel.ts';
import { describeColumn, type ColumnMap, type MappedColumn, type TextField } from './mselColumns.ts';
import { lineTexts, parseExpectedActions, parseObjectives, type ExpectedActionLine, type ObjectiveLine } from './mselExpectations.ts';
import { meansEveryone, parseNamed, splitList, type Named } from './mselNames.ts';
import type { MselProblem } from './mselProblem.ts';
import { parseExerciseTime, parseOffset } from './mselTime.ts';
import { parseTrigger, type MselTrigger } from './mselTrigger.ts';

/** One data row of an MSEL, its cells read; what spans rows (ids, phases, timing) is left to buildScenario. */
export interface MselRow {
  /** The row as a spreadsheet numbers it (the header row is 1 when it is the first). */
  readonly row: number;
  readonly line: number;
  readonly sequence?: string;
  readonly id?: string;
  readonly phase?: Named;
  /** Exactly one of time, phaseTime and trigger. */
  readonly time?: number;
  /** The Time cell as written (`09:45`, `Day 2 08:30`), for the comment on the inject. */
  readonly timeText?: string;
  readonly phaseTime?: number;
  readonly trigger?: MselTrigger;
  readonly channel: Channel;
  readonly from?: Named;
  /** Organisations and `organisation/seat` addresses, or everyone. */
  readonly to: 'all' | readonly Named[];
  readonly tlp: TlpLabel;
  /** Texts by language; a language is missing where its cell is empty. */
  readonly subject: Partial<Record<string, string>>;
  readonly message: Partial<Record<string, string>>;
  readonly expects: readonly ExpectedActionLine[];
  /** The expected actions' labels in the other languages, line by line. */
  readonly expectLabels: Partial<Record<string, string[]>>;
  readonly objectives: readonly ObjectiveLine[];
  readonly objectiveTexts: Partial<Record<string, string[]>>;
  readonly notes?: string;
  /** Cells of columns SimCell does not use, kept as comments. */
  readonly extra: readonly { readonly header: string; readonly value: string }[];
}

export interface RowContext {
  readonly file: string;
  readonly columns: ColumnMap;
  readonly headerLength: number;
  readonly languages: readonly string[];
  /** Seconds after midnight of `--start`. */
  readonly start?: number;
}

/** TLP colours as Dutch teams write them. */
const DUTCH_TLP: Partial<Record<string, string>> = {
  rood: 'RED',
  oranje: 'AMBER',
  'oranje+strikt': 'AMBER+STRICT',
  groen: 'GREEN',
  wit: 'CLEAR',
  helder: 'CLEAR',
};

/** Reads one row's cells; every bad cell is a problem naming its row and column, and then there is no row. */
export function readMselRow(
  cells: readonly string[],
  row: number,
  line: number,
  context: RowContext,
): { row?: MselRow; problems: MselProblem[] } {
  const { fields } = context.columns;
  const problems: MselProblem[] = [];
  const bad = (column: MappedColumn | undefined, message: string, hint: string) =>
    problems.push({ file: context.file, row, line, ...(column ? { column: describeColumn(column) } : {}), message, hint });
  const cell = (column: MappedColumn | undefined) => (column ? (cells[column.index] ?? '').trim() : '');
  const read = <T>(column: MappedColumn | undefined, result: T | { error: string; hint: string }): T | undefined => {
    if (!isFailure(result)) return result;
    bad(column, result.error, result.hint);
    return undefined;
  };

  cells.forEach((value, index) => {
    if (index >= context.headerLength && value.trim() !== '')
      bad(
        undefined,
        `a value in column ${describeColumn({ index, header: '' }).split(' ')[0]}, which has no header: "${value.trim().slice(0, 40)}"`,
        'give the column a header, or remove the value',
      );
  });

  const id = cell(fields.id);
  if (id && !ID_PATTERN.test(id))
    bad(fields.id, `"${id}" is not an id`, 'an inject id is lower-case letters, digits and hyphens, like odd-certificate');
  const phaseCell = cell(fields.phase);
  // A bare number under Phase or Move names it: "1" → "Move 1".
  const phase = phaseCell
    ? read<Named>(fields.phase, parseNamed(/^\d+$/.test(phaseCell) ? `${fields.phase!.header.trim()} ${phaseCell}` : phaseCell))
    : undefined;
  const when = readWhen(cell, bad, context, phase !== undefined);

  const channelCell = cell(fields.channel);
  let channel: Channel | undefined = 'email';
  if (fields.channel && !channelCell)
    bad(fields.channel, 'no inject type', 'say how the inject arrives: Email, Phone, News, Social media, Alert, …');
  else if (channelCell) channel = read<{ channel: Channel }>(fields.channel, channelOfCell(channelCell))?.channel;

  const fromCell = cell(fields.from);
  const from = fromCell ? read<Named>(fields.from, parseNamed(fromCell)) : undefined;

  const items = splitList(cell(fields.to));
  let to: 'all' | Named[] = [];
  if (items.length === 0) bad(fields.to, 'no recipient', 'name the organisations that receive it, separated by ; (or All for everyone)');
  else if (items.some(meansEveryone)) to = 'all';
  else to = items.map((item) => read<Named>(fields.to, parseNamed(item, true))).filter((n): n is Named => n !== undefined);

  const tlpCell = cell(fields.tlp);
  const tlp = tlpCell ? normaliseTlp(DUTCH_TLP[tlpCell.toLowerCase().replace(/^tlp\s*:?\s*/, '')] ?? tlpCell) : 'TLP:CLEAR';
  if (tlp === undefined)
    bad(fields.tlp, `"${tlpCell}" is not a TLP 2.0 label`, `write one of ${TLP_LABELS.join(', ')} (the TLP: prefix may be left out)`);

  const texts = readTexts(cell, bad, read, context);
  const notes = cell(fields.notes);
  const extra = [...context.columns.unknown, ...context.columns.unused]
    .map((column) => ({ header: column.header, value: cell(column) }))
    .filter((entry) => entry.value !== '');

  if (problems.length || !channel || !tlp) return { problems };
  const sequence = cell(fields.sequence);
  return {
    row: {
      row,
      line,
      ...(sequence ? { sequence } : {}),
      ...(id ? { id } : {}),
      ...(phase ? { phase } : {}),
      ...when,
      channel,
      ...(from ? { from } : {}),
      to,
      tlp,
      ...texts,
      ...(notes ? { notes } : {}),
      extra,
    },
    problems,
  };
}

function isFailure<T>(result: T | { error: string; hint: string }): result is { error: string; hint: string } {
  return result !== null && typeof result === 'object' && 'error' in result;
}

type Cell = (column: MappedColumn | undefined) => string;
type Bad = (column: MappedColumn | undefined, message: string, hint: string) => void;
type Read = <T>(column: MappedColumn | undefined, result: T | { error: string; hint: string }) => T | undefined;

/** When the inject comes: exactly one of an exercise time, a time in its phase, or a trigger. */
function readWhen(
  cell: Cell,
  bad: Bad,
  context: RowContext,
  hasPhase: boolean,
): Pick<MselRow, 'time' | 'timeText' | 'phaseTime' | 'trigger'> {
  const { fields } = context.columns;
  const given = [fields.time, fields.phaseTime, fields.trigger].filter((column) => column && cell(column)) as MappedColumn[];
  if (given.length === 0) {
    bad(
      fields.time ?? fields.phaseTime ?? fields.trigger,
      'no time',
      'give the time the inject comes, like +01:30 (or a Phase Time, or a Trigger such as on <action>)',
    );
    return {};
  }
  if (given.length > 1) {
    bad(
      given[1],
      `both ${given.map((c) => c.header).join(' and ')} are given`,
      'an inject comes at a time, at a time in its phase, or on a trigger: fill one of these cells',
    );
    return {};
  }
  const [column] = given as [MappedColumn];
  const text = cell(column);
  const result =
    column === fields.time ? parseExerciseTime(text, context.start) : column === fields.phaseTime ? parseOffset(text) : parseTrigger(text);
  if ('error' in result) {
    bad(column, result.error, result.hint);
    return {};
  }
  if ('kind' in result) return { trigger: result };
  if (column === fields.time) return { time: result.seconds, timeText: text };
  if (hasPhase) return { phaseTime: result.seconds };
  bad(
    column,
    'a time in the phase, but no phase',
    `name the phase in ${fields.phase ? describeColumn(fields.phase) : 'a Phase column'}, or give the exercise time in Time`,
  );
  return {};
}

/** Subject, message, expected actions and objectives, in every language the columns give. */
function readTexts(
  cell: Cell,
  bad: Bad,
  read: Read,
  context: RowContext,
): Pick<MselRow, 'subject' | 'message' | 'expects' | 'expectLabels' | 'objectives' | 'objectiveTexts'> {
  const { texts } = context.columns;
  const primary = context.languages[0]!;
  const columnFor = (field: TextField, language: string) =>
    texts[field]?.get(language) ?? (language === primary ? texts[field]?.get('') : undefined);
  const byLanguage = (field: TextField) =>
    Object.fromEntries(
      context.languages.map((l) => [l, cell(columnFor(field, l))] as const).filter(([, value]) => value !== ''),
    ) as Partial<Record<string, string>>;
  const subject = byLanguage('subject');
  const message = byLanguage('message');
  if (Object.keys(subject).length + Object.keys(message).length === 0)
    bad(columnFor('message', primary) ?? columnFor('subject', primary), 'no subject and no message', 'write what the players receive');

  const expectColumn = columnFor('expectedAction', primary);
  const expectCell = cell(expectColumn);
  const expects = (expectCell ? read<ExpectedActionLine[]>(expectColumn, parseExpectedActions(expectCell)) : undefined) ?? [];
  const objectiveColumn = columnFor('objective', primary);
  const objectiveCell = cell(objectiveColumn);
  const objectives = (objectiveCell ? read<ObjectiveLine[]>(objectiveColumn, parseObjectives(objectiveCell)) : undefined) ?? [];
  if (expects.length > 0 && objectives.length > 1 && objectives.length !== expects.length)
    bad(
      objectiveColumn,
      `${objectives.length} objectives for ${expects.length} expected actions`,
      'give one objective for all of them, or one line per expected action, in the same order',
    );

  // The other languages give the same lines, in the same order.
  const translations = (field: TextField, count: number) => {
    const lines: Partial<Record<string, string[]>> = {};
    for (const language of context.languages.slice(1)) {
      const column = columnFor(field, language);
      const value = cell(column);
      if (!value) continue;
      const labels = lineTexts(value);
      if (labels.length === count) lines[language] = labels;
      else
        bad(
          column,
          `${labels.length} lines for ${count} in ${describeColumn(columnFor(field, primary) ?? column!)}`,
          'give each line in the same order in every language',
        );
    }
    return lines;
  };
  return {
    subject,
    message,
    expects,
    expectLabels: translations('expectedAction', expects.length),
    objectives,
    objectiveTexts: translations('objective', objectives.length),
  };
}
