import { formatClock } from '../../shared/scenario/duration.ts';
import { say, type ReportLanguage } from './reportLabels.ts';
import type { ReportModel } from './reportModel.ts';

/** The whole report as JSON: every section, every language of the scenario, exercise times in ms. */
export function reportJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

const COLUMNS = ['time', 'seconds', 'kind', 'organisation', 'from', 'to', 'tlp', 'channel', 'author', 'ref', 'title', 'text'] as const;

/**
 * The timeline as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled), UTF-8 with a byte-order mark so spreadsheet programs read it as
 * UTF-8. Texts are in `lang`, or the scenario's first language that has them. A cell a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) is prefixed with ' — players wrote them.
 */
export function timelineCsv(model: ReportModel, lang: ReportLanguage = 'en'): string {
  const fallbacks = model.scenario.languages;
  const rows = model.timeline.map((t) => [
    formatClock(t.atMs / 1000),
    String(t.atMs / 1000),
    t.kind,
    t.organisation ?? '',
    t.from ?? '',
    t.to.join(';'),
    t.tlp ?? '',
    t.channel ?? '',
    t.author ?? '',
    t.ref ?? '',
    say(t.title, lang, fallbacks),
    say(t.text, lang, fallbacks),
  ]);
  return `\uFEFF${[[...COLUMNS], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
