import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../server/report/buildReport.ts';
import { csvField, reportJson, timelineCsv } from '../../../server/report/reportExports.ts';
import { recordPortDrill } from './recordPortDrill.ts';

const model = buildReport(recordPortDrill());

/** A strict RFC 4180 reader, to read back what timelineCsv wrote. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') endField();
    else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`a CR without LF at ${i}`);
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\n') throw new Error(`a bare LF outside quotes at ${i}`);
    else field += c;
  }
  if (quoted || field !== '' || row.length) throw new Error('the file does not end with CRLF');
  return rows;
}

describe('timelineCsv', () => {
  const csv = timelineCsv(model, 'en');

  it('is RFC 4180 in UTF-8 with a byte-order mark: a header and one row per timeline entry', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual(['time', 'seconds', 'kind', 'organisation', 'from', 'to', 'tlp', 'channel', 'author', 'ref', 'title', 'text']);
    expect(rows).toHaveLength(model.timeline.length + 1);
    expect(rows.every((r) => r.length === 12)).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and reads back exactly', () => {
    const rows = readCsv(csv.slice(1));
    const message = rows.find((r) => r[2] === 'message')!;
    expect(message).toEqual([
      '00:24',
      '1440',
      'message',
      'terminal',
      'terminal',
      'port;ncsc',
      'TLP:AMBER',
      '',
      'Tessa',
      'm6',
      'Terminal down, "all" systems',
      'Line one, with a comma\nLine two "quoted"',
    ]);
    expect(rows.find((r) => r[9] === 'close-request')!.slice(0, 8)).toEqual([
      '00:22',
      '1320',
      'inject',
      '',
      'ncsc',
      'port',
      'TLP:RED',
      'phone',
    ]);
  });

  it('uses the chosen language for scenario texts', () => {
    const rows = readCsv(timelineCsv(model, 'nl').slice(1));
    expect(rows.find((r) => r[9] === 'ransom-note' && r[2] === 'inject')![10]).toBe('Schermen tonen een losgeldbrief');
    expect(rows[1]![10]).toBe('Oefening gestart');
  });

  it('defuses cells a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+31 20 123')).toBe("'+31 20 123");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('reportJson', () => {
  it('holds every section and reads back to the same model', () => {
    const parsed = JSON.parse(reportJson(model)) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(model)));
    expect(Object.keys(parsed)).toEqual(
      expect.arrayContaining([
        'exercise',
        'scenario',
        'organisations',
        'summary',
        'objectives',
        'expectations',
        'responseTimes',
        'indicators',
        'escalation',
        'timeline',
        'hotwash',
        'improvementPlan',
      ]),
    );
    expect(parsed.format).toBe('simcell-report/1');
  });
});
