import { writeFile } from 'node:fs/promises';
import { mermaidDiagram, mermaidPage } from '../authoring/mermaidDiagram.ts';
import { scenarioGraph } from '../authoring/scenarioGraph.ts';
import { svgDiagram } from '../authoring/svgDiagram.ts';
import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import type { CliIo } from './cliIo.ts';
import { parseArgs, UsageError } from './parseArgs.ts';

const USAGE = 'usage: simcell diagram <file> [--format mermaid|svg] [--out <file>]';
const FORMATS = ['mermaid', 'svg'] as const;

/**
 * `simcell diagram <file> --format mermaid|svg`: the scenario's phases, the transitions between them with
 * their triggers, and where each inject fires. Printed, or written with `--out` (a `.md` file gets a Markdown
 * page around the Mermaid drawing, as in docs/diagrams/).
 */
export async function diagramCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { format: 'value', out: 'value' });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  const [file, ...extra] = parsed.positional;
  if (file === undefined || extra.length)
    return usage(io, file === undefined ? 'name one scenario file' : `one file at a time (also got ${extra.join(', ')})`);
  const format = typeof parsed.options.format === 'string' ? parsed.options.format : 'mermaid';
  if (!(FORMATS as readonly string[]).includes(format)) return usage(io, `--format is one of ${FORMATS.join(', ')}, not "${format}"`);
  const out = typeof parsed.options.out === 'string' ? parsed.options.out : undefined;
  if (out !== undefined && format === 'svg' && !out.endsWith('.svg'))
    return usage(io, `--out for an SVG drawing ends in .svg, not "${out}"`);

  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(formatProblem(problem));
    return 1;
  }
  const graph = scenarioGraph(loaded.scenario);
  const text = format === 'svg' ? svgDiagram(graph) : out?.endsWith('.md') ? mermaidPage(graph, file) : mermaidDiagram(graph);
  if (out === undefined) {
    io.out(text);
    return 0;
  }
  await writeFile(out, text);
  io.out(`${out}: ${format} diagram of ${graph.id} (${graph.phases.length} phases, ${graph.transitions.length} transitions)`);
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`simcell diagram: ${message}\n${USAGE}`);
  return 2;
}
