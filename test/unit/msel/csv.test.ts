import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../server/msel/decodeCsvBytes.ts';
import { detectDelimiter, readCsv } from '../../../server/msel/readCsv.ts';
import { writeCsv } from '../../../server/msel/writeCsv.ts';
import { SeededRandom } from '../../../server/engine/seededRandom.ts';

const cells = (text: string, delimiter?: string) => readCsv(text, delimiter).records.map((r) => r.cells);

describe('reading CSV (RFC 4180)', () => {
  it('splits plain cells and records on CRLF, LF and CR', () => {
    expect(cells('a,b,c\r\n1,2,3\n4,5,6\r7,8,9')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted cells', () => {
    expect(cells('id,text\r\n1,"Hello, world"\r\n2,"She said ""stop"""\r\n3,"two\r\nlines"\r\n4,"\n"\r\n')).toEqual([
      ['id', 'text'],
      ['1', 'Hello, world'],
      ['2', 'She said "stop"'],
      ['3', 'two\nlines'],
      ['4', '\n'],
    ]);
  });

  it('keeps empty cells, an empty quoted cell and a quote inside an unquoted cell', () => {
    expect(cells('a,,"",d\n12" screen,x')).toEqual([
      ['a', '', '', 'd'],
      ['12" screen', 'x'],
    ]);
  });

  it('numbers records by the line they start on, across line breaks in cells', () => {
    const { records } = readCsv('h1,h2\n"a\nb\nc",x\nlast,y\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('reads semicolon-separated files (Dutch locales) and tab-separated ones', () => {
    expect(readCsv('Time;To;Message\n+00:10;Bank A;"Hallo; wereld, hoi"').delimiter).toBe(';');
    expect(cells('Time;To;Message\n+00:10;Bank A;"Hallo; wereld, hoi"')).toEqual([
      ['Time', 'To', 'Message'],
      ['+00:10', 'Bank A', 'Hallo; wereld, hoi'],
    ]);
    expect(detectDelimiter('Time\tTo\tMessage\n')).toBe('\t');
    // A title row padded by Excel decides as well as the header would.
    expect(detectDelimiter('MSEL Exercise X;;;;\nTime;To;Message')).toBe(';');
    // Commas in quoted headers do not count.
    expect(detectDelimiter('"Time, in minutes";To;Message')).toBe(';');
  });

  it("follows Excel's sep= line and numbers lines after it", () => {
    const table = readCsv('sep=;\r\nTime;To\r\n+00:10;Bank A, Bank B\r\n');
    expect(table.delimiter).toBe(';');
    expect(table.records).toEqual([
      { cells: ['Time', 'To'], line: 2 },
      { cells: ['+00:10', 'Bank A, Bank B'], line: 3 },
    ]);
  });

  it('reports a quoted cell that is never closed, with its line', () => {
    const table = readCsv('a,b\n1,"open\n2,3\n');
    expect(table.problems).toEqual([expect.objectContaining({ line: 2, message: 'a quoted cell is never closed' })]);
  });

  it('reports text after a closing quote and keeps it', () => {
    const table = readCsv('a,b\n"x"y,2\n');
    expect(table.problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('text follows the closing quote') }),
    ]);
    expect(table.records[1]!.cells).toEqual(['xy', '2']);
  });
});

describe('writing CSV', () => {
  it('quotes only the cells that need it, ends records with CRLF and starts with a BOM', () => {
    expect(writeCsv([['a', 'b,c', 'd"e', 'f\ng', ' h']])).toBe('\uFEFFa,"b,c","d""e","f\ng"," h"\r\n');
    expect(writeCsv([['a;b', 'c,d']], { delimiter: ';', bom: false })).toBe('"a;b";c,d\r\n');
  });

  it.each([',', ';'] as const)('reads back exactly what it wrote, for 300 seeded random tables (delimiter %s)', (delimiter) => {
    const random = new SeededRandom(42);
    const alphabet = ['a', 'Z', ' ', ',', ';', '"', '\n', '\r\n', 'é', '€', '[', ']', '#', '\t', '+01:30'];
    for (let n = 0; n < 300; n++) {
      const rows = Array.from({ length: random.int(1, 4) }, () =>
        Array.from({ length: 3 }, () => Array.from({ length: random.int(0, 5) }, () => random.pick(alphabet)!).join('')),
      );
      const text = writeCsv(rows, { delimiter, bom: false });
      // Line breaks in cells come back as LF, whatever they were written as.
      expect(cells(text, delimiter)).toEqual(rows.map((row) => row.map((cell) => cell.replace(/\r\n/g, '\n'))));
    }
  });
});

describe('decoding the bytes of a CSV', () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], 'Tijd;Aan\nCafé'))).toEqual({ text: 'Tijd;Aan\nCafé', encoding: 'utf-8 with BOM' });
    expect(decodeCsvBytes(bytes('Tijd;Aan\nCafé'))).toEqual({ text: 'Tijd;Aan\nCafé', encoding: 'utf-8' });
  });

  it('reads UTF-16 (Excel "Unicode text") in either byte order', () => {
    const le = [0xff, 0xfe, ...[...'Café'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
    const be = [0xfe, 0xff, ...[...'Café'].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])];
    expect(decodeCsvBytes(new Uint8Array(le))).toEqual({ text: 'Café', encoding: 'utf-16le' });
    expect(decodeCsvBytes(new Uint8Array(be))).toEqual({ text: 'Café', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 (Excel\'s plain "CSV") when the bytes are not UTF-8', () => {
    expect(decodeCsvBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toEqual({ text: 'Café €', encoding: 'windows-1252' });
  });
});
