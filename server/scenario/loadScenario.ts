import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { ScenarioSchema } from '../../shared/scenario/scenarioSchema.ts';
import { checkScenario } from './checkScenario.ts';
import { findInstantLoops, instantLoopProblem } from './instantLoops.ts';
import { normaliseScenario } from './normaliseScenario.ts';
import { sortProblems, type ScenarioProblem } from './scenarioProblem.ts';
import { createLocator, type Locate } from './yamlLocator.ts';
import { zodProblems } from './zodProblems.ts';

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly locate: Locate; readonly file: string; readonly source: string }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[]; readonly file: string };

/** Reads a scenario from YAML text: syntax, then shape (zod), then the rules that span the file. */
export function parseScenario(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return { file, line, column: col, message: `YAML syntax: ${firstLine(error.message)}`, hint: yamlHint(error.code) };
    });
    return { ok: false, problems: sortProblems(problems), file };
  }
  const locate = createLocator(doc, lines);
  const data: unknown = doc.toJS();
  const place = (p: { path: readonly (string | number)[]; message: string; hint?: string; atKey?: boolean }): ScenarioProblem => ({
    file,
    ...locate(p.path, p.atKey),
    message: p.message,
    hint: p.hint,
  });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          message: 'a scenario file is a set of keys (id:, title:, organisations:, phases:, …)',
          hint: 'see docs/scenario-spec.md §2',
        },
      ],
      file,
    };
  }
  const parsed = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: sortProblems(dedupe(zodProblems(parsed.error.issues, ScenarioSchema, data).map(place))), file };
  }
  const problems = checkScenario(parsed.data);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems.map(place)), file };
  const scenario = normaliseScenario(parsed.data);
  const loops = findInstantLoops(scenario);
  if (loops.length > 0) {
    // The engine would never come back from such a loop: refused here, so no exercise can hang on it [P9].
    const problems = loops.map((loop) => place({ path: ['phases', loop.phases[0]!, 'when', loop.whenIndex], ...instantLoopProblem(loop) }));
    return { ok: false, problems: sortProblems(problems), file };
  }
  return { ok: true, scenario, locate, file, source: text };
}

export async function loadScenarioFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'this is a folder, not a scenario file'
          : `cannot read the file (${code ?? 'unknown error'})`;
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, message, hint: 'give the path of a .yaml scenario, e.g. scenarios/rogue-certificates.yaml' }],
      file,
    };
  }
  return parseScenario(text, file);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key may appear once in the same block. In { en: …, nl: … } a comma splits the text: put a text that contains a comma in quotes';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: items of one list or block start in the same column';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    default:
      return 'quote texts that contain a colon followed by a space, or that start with [, {, &, * or #';
  }
}

function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
