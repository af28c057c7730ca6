import type { Scenario } from '../../shared/scenario/scenario.ts';
import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';
import { parseScenario } from '../scenario/loadScenario.ts';
import { buildScenario, type ScenarioDraft } from './buildScenario.ts';
import { decodeCsvBytes, type DecodedCsv } from './decodeCsvBytes.ts';
import { describeColumn } from './mselColumns.ts';
import { slugify } from './mselNames.ts';
import type { MselProblem } from './mselProblem.ts';
import { formatOffset } from './mselTime.ts';
import { readCsv } from './readCsv.ts';
import { readMselRows } from './readMselRows.ts';
import { writeScenarioYaml } from './writeScenarioYaml.ts';

export interface ImportOptions {
  /** The MSEL's name, for messages and the default id and title. */
  readonly file: string;
  /** Where the scenario will be written, for the validator's messages. */
  readonly output?: string;
  /** Seconds after midnight: a bare clock time in Time counts from it (`--start 09:00`). */
  readonly start?: number;
  readonly id?: string;
  readonly title?: string;
  /** The language of text columns without `(xx)` (default en). */
  readonly language?: string;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly yaml: string;
      readonly scenario: Scenario;
      readonly counts: ScenarioDraft['counts'];
      readonly warnings: MselProblem[];
      readonly encoding: DecodedCsv['encoding'];
      readonly delimiter: string;
    }
  | { readonly ok: false; readonly problems: MselProblem[]; readonly warnings: MselProblem[] };

/**
 * An MSEL saved as CSV → a scenario YAML that passes `simcell validate`. Every bad row is reported (row,
 * column, fix) and nothing is written unless the whole file is read; warnings (unknown columns, defaults
 * taken) do not stop the import.
 */
export function importMsel(input: Uint8Array | string, options: ImportOptions): ImportResult {
  const decoded: DecodedCsv = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' } : decodeCsvBytes(input);
  const table = readCsv(decoded.text);
  const read = readMselRows(table, options);
  const warnings = [...read.warnings];
  if (decoded.encoding === 'windows-1252')
    warnings.unshift({
      file: options.file,
      message: 'the file is not UTF-8: read as Windows-1252 (the encoding of Excel\'s plain "CSV")',
      hint: 'if accented letters look wrong, save the sheet as "CSV UTF-8" and import again',
    });
  if (read.problems.length || !read.columns) return { ok: false, problems: read.problems, warnings };
  const base = options.file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '');
  const id = options.id ?? (slugify(base) || 'msel');
  if (!ID_PATTERN.test(id))
    return {
      ok: false,
      problems: [
        { file: options.file, message: `"${id}" is not a scenario id`, hint: 'give --id with lower-case letters, digits and hyphens' },
      ],
      warnings,
    };
  if (read.rows.length === 0)
    return {
      ok: false,
      problems: [
        {
          file: options.file,
          row: read.headerRow,
          message: 'no injects: the sheet has a header row but no rows under it',
          hint: 'one row per inject',
        },
      ],
      warnings,
    };
  if (options.start === undefined && read.columns.fields.time) {
    const times = read.rows.map((r) => r.time).filter((t): t is number => t !== undefined);
    if (times.length && Math.min(...times) >= 5 * 3_600)
      warnings.push({
        file: options.file,
        message: `the first time is ${formatOffset(Math.min(...times))} into the exercise: if the times are clock times, give the start`,
        hint: `import again with --start ${formatOffset(Math.min(...times)).slice(1, 6)} (or the time the exercise starts)`,
      });
  }

  const columns = read.columns;
  const built = buildScenario(read.rows, {
    file: options.file,
    id,
    title: options.title ?? base,
    languages: read.languages,
    columnOf: (field) => {
      const column = columns.fields[field];
      return column ? describeColumn(column) : undefined;
    },
  });
  warnings.push(...built.warnings);
  if (!built.draft) return { ok: false, problems: built.problems, warnings };

  const text = writeDraft(built.draft, options, decoded, table.delimiter, read.languages);
  const output = options.output ?? `${id}.yaml`;
  const checked = parseScenario(text, output);
  if (!checked.ok)
    return {
      ok: false,
      problems: checked.problems.map((p) => ({
        file: options.file,
        message: `the scenario made of it does not validate: ${output}:${p.line}:${p.column}: ${p.message}`,
        hint: p.hint ?? 'please report this with the MSEL: the import should have caught it by row',
      })),
      warnings,
    };
  return {
    ok: true,
    yaml: text,
    scenario: checked.scenario,
    counts: built.draft.counts,
    warnings,
    encoding: decoded.encoding,
    delimiter: table.delimiter,
  };
}

function writeDraft(
  draft: ScenarioDraft,
  options: ImportOptions,
  decoded: DecodedCsv,
  delimiter: string,
  languages: readonly string[],
): string {
  const c = draft.counts;
  const source = options.file.split(/[\\/]/).pop();
  return writeScenarioYaml(draft, [
    `Imported from the MSEL ${source} by \`simcell msel import\`: ${count(c.injects, 'inject')}, ${count(c.phases, 'phase')},`,
    `${count(c.organisations, 'organisation')}, ${count(c.personas, 'persona')}, ${count(c.actions, 'action')}, ${count(c.objectives, 'objective')}.`,
    `Read as ${decoded.encoding}, cells separated by ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`}, texts in ${languages.join(', ')}; ${
      options.start === undefined ? 'times are offsets from the start' : `clock times count from ${formatOffset(options.start).slice(1)}`
    }.`,
    '',
    'Review before use (docs/msel.md): what kind each organisation is and which ones SimCell plays, the',
    'expectation windows (30 minutes where the MSEL gave none), and how the phases follow each other (the',
    'MSEL gives only their order and times). Then: npx simcell validate <this file>.',
  ]);
}

/** `1 phase`, `3 phases`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
