/**
 * A mistake in a scenario file [F7]: where it is, what is wrong, how to fix it. Problems are data;
 * the CLI prints them with formatProblem and the server sends them to Control.
 */
export interface ScenarioProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
}

/** A problem before it has a place: the path of keys to the offending value in the YAML document. */
export interface PathProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint?: string;
  /** Point at the key of the last path element rather than its value (unknown keys, `after:` keys). */
  readonly atKey?: boolean;
}

export function formatProblem(problem: ScenarioProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.hint ? `${where}: ${problem.message}\n  hint: ${problem.hint}` : `${where}: ${problem.message}`;
}

/** The problems sorted by line and column, as an author reads a file. */
export function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
}
