import { columnLetter } from './mselProblem.ts';

/**
 * The columns an MSEL may have and the headers exercise teams give them (case-insensitive). Where a file
 * has two columns for one field, the alias listed first wins and the other is reported as not used.
 * `Inject ID`, `Phase Time` and `Trigger` are SimCell's own: `msel export` writes them so that a scenario
 * comes back exactly (docs/msel.md).
 */
export const MSEL_ALIASES = {
  sequence: ['Seq No', 'Seq', 'Sequence', 'Sequence No', 'Event #', 'Event No', 'Inject #', 'Inject No', '#', 'No', 'Nr', 'Volgnummer'],
  id: ['Inject ID', 'ID'],
  time: ['Scenario Time', 'Time', 'Real Time', 'Designated Scenario Time', 'Tijd', 'Scenariotijd'],
  phaseTime: ['Phase Time', 'Time in Phase', 'Move Time', 'Time in Move'],
  trigger: ['Trigger'],
  phase: ['Phase', 'Move', 'Fase'],
  channel: ['Inject Type', 'Delivery Method', 'Type', 'Channel', 'Kanaal', 'Middel'],
  from: ['From', 'Originator', 'Sender', 'Van', 'Afzender'],
  to: ['To', 'Recipient', 'Recipients', 'Player', 'Players', 'Aan', 'Ontvanger', 'Ontvangers'],
  tlp: ['TLP'],
  subject: ['Subject', 'Title', 'Onderwerp', 'Titel'],
  message: ['Message', 'Inject', 'Description', 'Script', 'Bericht', 'Beschrijving'],
  expectedAction: [
    'Expected Action',
    'Expected Player Action',
    'Expected Response',
    'Expected Actions',
    'Verwachte actie',
    'Verwachte reactie',
  ],
  objective: ['Objective', 'Core Capability', 'Objectives', 'Doelstelling', 'Doel'],
  notes: ['Notes', 'Comment', 'Comments', 'Note', 'Opmerkingen', 'Notities'],
} as const;

export type MselField = keyof typeof MSEL_ALIASES;
/** The fields whose text may be given per language: `Subject (nl)`. */
export const TEXT_FIELDS = ['subject', 'message', 'expectedAction', 'objective'] as const satisfies readonly MselField[];
export type TextField = (typeof TEXT_FIELDS)[number];

export interface MappedColumn {
  readonly index: number;
  readonly header: string;
  /** Set when the header names a language: `Subject (nl)`. */
  readonly language?: string;
}

export interface ColumnMap {
  readonly fields: Partial<Record<Exclude<MselField, TextField>, MappedColumn>>;
  /** Text fields by language; `''` is the column without a language. */
  readonly texts: Partial<Record<TextField, Map<string, MappedColumn>>>;
  /** Headers SimCell does not know; their cells are kept as comments on each inject. */
  readonly unknown: MappedColumn[];
  /** A second column for a field that already has one (`Description` beside `Message`); also kept as comments. */
  readonly unused: (MappedColumn & { readonly field: MselField; readonly usedHeader: string })[];
  /** How many headers matched a field: a header row has at least two. */
  readonly known: number;
}

const normalise = (header: string) => header.toLowerCase().replace(/[._:]/g, ' ').replace(/\s+/g, ' ').trim();

const LOOKUP = new Map<string, { field: MselField; rank: number }>();
for (const [field, aliases] of Object.entries(MSEL_ALIASES) as [MselField, readonly string[]][])
  aliases.forEach((alias, rank) => LOOKUP.set(normalise(alias), { field, rank }));

/** Which field a header names, and in which language, if any. */
export function fieldOfHeader(header: string): { field: MselField; rank: number; language?: string } | undefined {
  const plain = LOOKUP.get(normalise(header));
  if (plain) return plain;
  const suffixed = /^(.*?)\s*[([]([a-z]{2})[)\]]$/i.exec(header.trim());
  if (!suffixed) return undefined;
  const base = LOOKUP.get(normalise(suffixed[1]!));
  if (!base || !(TEXT_FIELDS as readonly string[]).includes(base.field)) return undefined;
  return { ...base, language: suffixed[2]!.toLowerCase() };
}

export function mapColumns(headers: readonly string[]): ColumnMap {
  const chosen = new Map<string, MappedColumn & { field: MselField; rank: number }>();
  const unknown: MappedColumn[] = [];
  const unused: ColumnMap['unused'][number][] = [];
  let known = 0;
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (header === '') return;
    const match = fieldOfHeader(header);
    if (!match) {
      unknown.push({ index, header });
      return;
    }
    known++;
    const column = { index, header, field: match.field, rank: match.rank, ...(match.language ? { language: match.language } : {}) };
    const key = `${match.field}/${match.language ?? ''}`;
    const previous = chosen.get(key);
    if (!previous) chosen.set(key, column);
    else {
      const [keep, drop] = previous.rank <= column.rank ? [previous, column] : [column, previous];
      chosen.set(key, keep);
      unused.push({ index: drop.index, header: drop.header, field: drop.field, usedHeader: keep.header });
    }
  });
  const fields: ColumnMap['fields'] = {};
  const texts: ColumnMap['texts'] = {};
  for (const { field, rank: _rank, ...column } of chosen.values()) {
    if ((TEXT_FIELDS as readonly string[]).includes(field)) {
      const byLanguage = (texts[field as TextField] ??= new Map());
      byLanguage.set(column.language ?? '', column);
    } else fields[field as Exclude<MselField, TextField>] = column;
  }
  unused.sort((a, b) => a.index - b.index);
  return { fields, texts, unknown, unused, known };
}

/** `C "Time"`, as a spreadsheet user finds the column. */
export function describeColumn(column: { index: number; header: string }): string {
  return `${columnLetter(column.index)} "${column.header}"`;
}

/** The languages of the text columns: the plain ones' (`--lang`, default en) first, then each `(xx)` as it comes. */
export function languagesOf(columns: ColumnMap, plain: string): string[] | { error: string; hint: string } {
  const languages: string[] = [];
  const columnsInOrder = Object.values(columns.texts)
    .flatMap((byLanguage) => [...byLanguage.values()])
    .sort((a, b) => a.index - b.index);
  if (columnsInOrder.some((c) => c.language === undefined)) languages.push(plain);
  for (const column of columnsInOrder) {
    if (column.language === undefined) continue;
    if (column.language === plain && columnsInOrder.some((c) => c.language === undefined && sameField(columns, c, column)))
      return {
        error: `"${column.header}" and a column without a language are both in ${plain}`,
        hint: `name the plain column's language too, or read the plain columns as another language with --lang`,
      };
    if (!languages.includes(column.language)) languages.push(column.language);
  }
  return languages;
}

function sameField(columns: ColumnMap, a: MappedColumn, b: MappedColumn): boolean {
  return Object.values(columns.texts).some((byLanguage) => {
    const list = [...byLanguage.values()];
    return list.includes(a) && list.includes(b);
  });
}
