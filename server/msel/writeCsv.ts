/** Writes RFC 4180 CSV: CRLF between records; a cell is quoted when it holds the delimiter, a quote or a line break. */
export interface CsvOptions {
  readonly delimiter?: ',' | ';';
  /** A UTF-8 byte-order mark, so that Excel reads the accents right (default true). */
  readonly bom?: boolean;
}

export function writeCsv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const quote = (cell: string) =>
    cell.includes(delimiter) || /["\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
  const text = rows.map((row) => row.map((cell) => quote(cell.replace(/\r\n?/g, '\n'))).join(delimiter)).join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${text}\r\n`;
}
