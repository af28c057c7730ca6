import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveSchema } from '../exercise/exerciseArchive.ts';
import { buildReport, ReportInputError } from '../report/buildReport.ts';
import { renderReportHtml } from '../report/renderReportHtml.ts';
import { reportJson, timelineCsv } from '../report/reportExports.ts';
import { defaultReportLanguage, isReportLanguage, REPORT_LANGUAGES } from '../report/reportLabels.ts';
import type { ReportModel } from '../report/reportModel.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError } from './parseArgs.ts';

const USAGE = `usage: simcell report <archive.json> --out <dir> [--lang ${REPORT_LANGUAGES.join('|')}]`;

/**
 * `simcell report`: the after-action report of an exercise archive (`GET /api/exercises/:id/archive`), offline:
 * report.html, report.json and timeline.csv in the output folder. Nothing is written unless all three are made.
 */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { out: 'value', lang: 'value' });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  const [file, ...extra] = parsed.positional;
  if (file === undefined || extra.length)
    return usage(io, file === undefined ? 'name one archive file' : `one archive at a time (also got ${extra.join(', ')})`);
  const out = parsed.options.out;
  if (typeof out !== 'string') return usage(io, 'say where to write the report with --out <dir>');
  const lang = parsed.options.lang;
  if (lang !== undefined && (typeof lang !== 'string' || !isReportLanguage(lang)))
    return usage(io, `--lang is one of ${REPORT_LANGUAGES.join(', ')}, not "${String(lang)}"`);

  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`${file}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read it (${code})` : `not JSON: ${(error as Error).message}`}`);
    return 1;
  }
  const archive = ArchiveSchema.safeParse(data);
  if (!archive.success) {
    for (const issue of archive.error.issues.slice(0, 10)) io.err(`${file}: ${issue.path.join('.') || 'archive'}: ${issue.message}`);
    io.err('An exercise archive is what GET /api/exercises/:id/archive returns (format simcell-archive/1).');
    return 1;
  }
  let model: ReportModel;
  try {
    model = buildReport(archive.data);
  } catch (error) {
    if (error instanceof ReportInputError) for (const problem of error.problems) io.err(problem);
    else io.err(`${file}: the events do not replay on the archive's scenario: ${(error as Error).message}`);
    return 1;
  }
  const language = lang ?? defaultReportLanguage(model.scenario.languages);
  const files = {
    'report.html': renderReportHtml(model, language),
    'report.json': reportJson(model),
    'timeline.csv': timelineCsv(model, language),
  };
  await mkdir(out, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(out, name), content, 'utf8');
  io.out(
    `Wrote the after-action report of "${model.exercise.name}" (${model.exercise.id}, ${model.exercise.events} events, ${language}) to ${out}: ${Object.keys(files).join(', ')}.`,
  );
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`simcell report: ${message}\n${USAGE}`);
  return 2;
}
