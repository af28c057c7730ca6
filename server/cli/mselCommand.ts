import { readFile, writeFile } from 'node:fs/promises';
import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';
import { EXPORT_NOT_KEPT, exportMsel } from '../msel/exportMsel.ts';
import { count, importMsel } from '../msel/importMsel.ts';
import { formatMselProblem } from '../msel/mselProblem.ts';
import { parseStart } from '../msel/mselTime.ts';
import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError, type ParsedArgs } from './parseArgs.ts';

const USAGE = `usage: simcell msel import <file.csv> -o <scenario.yaml> [--start HH:MM] [--id ID] [--title TEXT] [--lang en]
       simcell msel export <scenario.yaml> -o <file.csv> [--semicolon]
(-o - writes to standard output; docs/msel.md lists the columns and what a round trip keeps)`;

/** `simcell msel import|export`: a spreadsheet MSEL (CSV) to a scenario and back (docs/msel.md). */
export async function mselCommand(args: string[], io: CliIo): Promise<number> {
  const [mode, ...rest] = args;
  const argv = rest.map((arg) => (arg === '-o' ? '--out' : arg));
  try {
    if (mode === 'import')
      return await importCommand(parseArgs(argv, { out: 'value', start: 'value', id: 'value', title: 'value', lang: 'value' }), io);
    if (mode === 'export') return await exportCommand(parseArgs(argv, { out: 'value', semicolon: 'flag' }), io);
    throw new UsageError(mode === undefined ? 'say import or export' : `unknown msel command "${mode}": say import or export`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`simcell msel: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

async function importCommand({ positional, options }: ParsedArgs, io: CliIo): Promise<number> {
  const [file, out] = inputAndOutput(positional, options, 'an MSEL saved as CSV');
  const start = options.start === undefined ? undefined : parseStart(String(options.start));
  if (options.start !== undefined && start === undefined)
    throw new UsageError(`--start takes a clock time like 09:00, not "${String(options.start)}"`);
  if (typeof options.id === 'string' && !ID_PATTERN.test(options.id))
    throw new UsageError(`--id is lower-case letters, digits and hyphens, like botnet-drill (not "${options.id}")`);
  if (typeof options.lang === 'string' && !/^[a-z]{2}$/.test(options.lang))
    throw new UsageError(`--lang is a two-letter language code such as en or nl`);
  const bytes = await readInput(file, io);
  if (!bytes) return 1;
  const result = importMsel(bytes, {
    file,
    ...(out !== '-' ? { output: out } : {}),
    ...(start !== undefined ? { start } : {}),
    ...(typeof options.id === 'string' ? { id: options.id } : {}),
    ...(typeof options.title === 'string' ? { title: options.title } : {}),
    ...(typeof options.lang === 'string' ? { language: options.lang } : {}),
  });
  for (const warning of result.warnings) io.err(formatMselProblem(warning, 'warning: '));
  if (!result.ok) {
    for (const problem of result.problems) io.err(formatMselProblem(problem));
    io.err(`${file}: ${count(result.problems.length, 'problem')}; nothing written`);
    return 1;
  }
  if (!(await writeOutput(out, result.yaml, io))) return 1;
  const c = result.counts;
  const summary = `${file} → ${out === '-' ? 'standard output' : out}: ${count(c.injects, 'inject')} in ${count(c.phases, 'phase')}; ${count(c.organisations, 'organisation')}, ${count(c.personas, 'persona')}, ${count(c.actions, 'action')}, ${count(c.objectives, 'objective')}${c.indicators ? `, ${count(c.indicators, 'indicator')}` : ''}`;
  if (out === '-') io.err(summary);
  else io.out(summary);
  return 0;
}

async function exportCommand({ positional, options }: ParsedArgs, io: CliIo): Promise<number> {
  const [file, out] = inputAndOutput(positional, options, 'a scenario file');
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(formatProblem(problem));
    io.err(`${file}: ${count(loaded.problems.length, 'problem')}; nothing written`);
    return 1;
  }
  const csv = exportMsel(loaded.scenario, { delimiter: options.semicolon ? ';' : ',' });
  if (!(await writeOutput(out, csv, io))) return 1;
  const report = [
    `${file} → ${out === '-' ? 'standard output' : out}: ${count(loaded.scenario.injects.length, 'inject')}, one row each`,
    `not in an MSEL, so not exported: ${EXPORT_NOT_KEPT.join('; ')}`,
  ];
  for (const line of report) {
    if (out === '-') io.err(line);
    else io.out(line);
  }
  return 0;
}

function inputAndOutput(positional: string[], options: ParsedArgs['options'], what: string): [string, string] {
  const [file, ...extra] = positional;
  if (file === undefined) throw new UsageError(`name ${what}`);
  if (extra.length) throw new UsageError(`one file at a time (also got ${extra.join(', ')})`);
  if (typeof options.out !== 'string') throw new UsageError('say where to write it with -o <file>');
  return [file, options.out];
}

async function readInput(file: string, io: CliIo): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : `cannot read it (${code ?? 'unknown error'})`}`,
    );
    return undefined;
  }
}

async function writeOutput(out: string, text: string, io: CliIo): Promise<boolean> {
  if (out === '-') {
    io.out(text);
    return true;
  }
  try {
    await writeFile(out, text);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`${out}: cannot write it (${code === 'ENOENT' ? 'no such folder' : (code ?? 'unknown error')})`);
    return false;
  }
}
