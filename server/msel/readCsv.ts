/**
 * A small RFC 4180 reader: cells separated by a delimiter, records by CRLF, LF or CR, quoted cells that
 * hold delimiters, doubled quotes and line breaks. Spreadsheets in Dutch (and most European) locales
 * separate with `;`; Excel may start the file with a `sep=;` line. Line breaks inside cells come out as LF.
 */
export interface CsvRecord {
  readonly cells: string[];
  /** The line of the file the record starts on (1-based). */
  readonly line: number;
}

export interface CsvTable {
  readonly records: CsvRecord[];
  readonly delimiter: string;
  readonly problems: { line: number; message: string; hint: string }[];
}

const DELIMITERS = [',', ';', '\t'] as const;

export function readCsv(text: string, delimiter?: string): CsvTable {
  let body = text;
  let line = 1;
  const sep = /^sep=(.)(\r\n|\n|\r|$)/i.exec(body);
  if (sep) {
    delimiter ??= sep[1]!;
    body = body.slice(sep[0].length);
    line = 2;
  }
  const chosen = delimiter ?? detectDelimiter(body);
  const records: CsvRecord[] = [];
  const problems: CsvTable['problems'] = [];
  let cells: string[] = [];
  let cell = '';
  let started = false; // a cell that is "" (quoted, empty) has started; a quote after that is literal
  let recordLine = line;
  const isEnd = (ch: string | undefined) => ch === undefined || ch === chosen || ch === '\r' || ch === '\n';
  const newline = (at: number) => (body[at] === '\r' && body[at + 1] === '\n' ? 2 : 1);

  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === '"' && !started) {
      const openedOn = line;
      const close = readQuoted(i + 1);
      if (close === undefined) {
        problems.push({
          line: openedOn,
          message: 'a quoted cell is never closed',
          hint: 'add the closing " (a quote inside a quoted cell is written twice: "")',
        });
        break;
      }
      i = close;
      started = true;
      if (!isEnd(body[i])) {
        problems.push({
          line,
          message: `text follows the closing quote of the cell "${cell.slice(0, 30)}"`,
          hint: 'write a quote inside a quoted cell twice (""), or quote the whole cell',
        });
        while (!isEnd(body[i])) cell += body[i++];
      }
      continue;
    }
    if (ch === chosen) {
      cells.push(cell);
      cell = '';
      started = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      cells.push(cell);
      records.push({ cells, line: recordLine });
      cells = [];
      cell = '';
      started = false;
      i += newline(i);
      recordLine = ++line;
    } else {
      cell += ch;
      started = true;
      i++;
    }
  }
  if (started || cells.length > 0) {
    cells.push(cell);
    records.push({ cells, line: recordLine });
  }
  return { records, delimiter: chosen, problems };

  /** Reads a quoted cell's content into `cell`; returns the index after the closing quote. */
  function readQuoted(from: number): number | undefined {
    let j = from;
    while (j < body.length) {
      const q = body[j]!;
      if (q === '"') {
        if (body[j + 1] !== '"') return j + 1;
        cell += '"';
        j += 2;
      } else if (q === '\r' || q === '\n') {
        cell += '\n';
        j += newline(j);
        line++;
      } else {
        cell += q;
        j++;
      }
    }
    return undefined;
  }
}

/** The delimiter used most on the first line that has one (Excel pads title rows with delimiters too). */
export function detectDelimiter(text: string): string {
  for (const rawLine of text.split(/\r\n|\n|\r/).slice(0, 20)) {
    const line = rawLine.replace(/"[^"]*"/g, '');
    const counts = DELIMITERS.map((d) => line.split(d).length - 1);
    const best = Math.max(...counts);
    if (best > 0) return DELIMITERS[counts.indexOf(best)]!;
  }
  return ',';
}
