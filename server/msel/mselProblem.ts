/**
 * A mistake (or a warning) about an MSEL file: the row as a spreadsheet numbers it (the header is row 1),
 * the line in the file (they differ when cells hold line breaks), the column, what is wrong and the fix.
 */
export interface MselProblem {
  readonly file: string;
  readonly row?: number;
  readonly line?: number;
  /** The column as a spreadsheet names it and its header: `C "Time"`. */
  readonly column?: string;
  readonly message: string;
  readonly hint?: string;
}

/** `file: row 5 (line 6), column C "Time": message` and the hint on its own line. */
export function formatMselProblem(problem: MselProblem, prefix = ''): string {
  const where = [problem.row !== undefined ? `row ${problem.row}${problem.line !== problem.row ? ` (line ${problem.line})` : ''}` : '']
    .concat(problem.column !== undefined ? [`column ${problem.column}`] : [])
    .filter(Boolean)
    .join(', ');
  const head = `${problem.file}: ${prefix}${where ? `${where}: ` : ''}${problem.message}`;
  return problem.hint ? `${head}\n  hint: ${problem.hint}` : head;
}

/** The spreadsheet letter of a zero-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Warnings that many rows share, gathered into one line each: `rows 4, 7, 9: no sender: …`. */
export class RowWarnings {
  private readonly groups = new Map<string, { rows: number[]; hint?: string }>();

  add(message: string, row: number, hint?: string): void {
    const group = this.groups.get(message) ?? { rows: [], ...(hint ? { hint } : {}) };
    if (!group.rows.includes(row)) group.rows.push(row);
    this.groups.set(message, group);
  }

  toProblems(file: string): MselProblem[] {
    return [...this.groups].map(([message, { rows, hint }]) => ({
      file,
      message: `row${rows.length === 1 ? '' : 's'} ${rows.join(', ')}: ${message}`,
      ...(hint ? { hint } : {}),
    }));
  }
}
