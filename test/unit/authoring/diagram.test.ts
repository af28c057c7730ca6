import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mermaidDiagram, mermaidPage } from '../../../server/authoring/mermaidDiagram.ts';
import { scenarioGraph } from '../../../server/authoring/scenarioGraph.ts';
import { svgDiagram } from '../../../server/authoring/svgDiagram.ts';
import { main } from '../../../server/cli/main.ts';
import { loadScenarioFile } from '../../../server/scenario/loadScenario.ts';
import type { Scenario } from '../../../shared/scenario/scenario.ts';
import { scenarioFrom } from '../../support/scenarioText.ts';
import { CLEAN, cleanWith } from './checkSupport.ts';
import { xmlProblem } from './xmlWellFormed.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUNDLED = ['botnet-banking', 'classroom-phishing', 'poisoned-water', 'rogue-certificates', 'router-worm', 'state-espionage'];

async function bundled(id: string): Promise<Scenario> {
  const loaded = await loadScenarioFile(`${ROOT}scenarios/${id}.yaml`);
  if (!loaded.ok) throw new Error(`${id} does not validate`);
  return loaded.scenario;
}

/** What the transitions of a scenario are, independently of the diagram code: `from -> to`, one per declaration. */
function declared(s: Scenario): string[] {
  return s.phases.flatMap((p) => [...p.on, ...p.after, ...p.when].map((t) => `${p.id} -> ${t.goto}`));
}

const HOSTILE = cleanWith({
  phases: CLEAN.phases.replace(
    'title: { en: Response, nl: Respons }',
    `title: { en: "<script>alert(\\"x\\")</script> & 'fish' #1", nl: Respons }`,
  ),
});

describe('simcell diagram: Mermaid', () => {
  it.each(BUNDLED)('draws every phase, every transition with its trigger, and every inject of %s', async (id) => {
    const scenario = await bundled(id);
    const text = mermaidDiagram(scenarioGraph(scenario));
    const node = new Map<string, string>();
    for (const [, name, body] of text.matchAll(/^ {2}(p\d+)\(?\["(.*)"\]\)?$/gm)) node.set(body!.split('<br/>')[1]!, name!);
    expect([...node.keys()].sort()).toEqual(scenario.phases.map((p) => p.id).sort());
    const edges = [...text.matchAll(/^ {2}(p\d+) -->\|"(.*)"\| (p\d+)$/gm)];
    const byNode = new Map([...node].map(([phase, name]) => [name, phase]));
    expect(edges.map(([, from, , to]) => `${byNode.get(from!)} -> ${byNode.get(to!)}`).sort()).toEqual(declared(scenario).sort());
    for (const phase of scenario.phases) {
      for (const t of phase.after)
        expect(text).toMatch(new RegExp(`${node.get(phase.id)} -->\\|"after [0-9hmsd]+"\\| ${node.get(t.goto)}\\n`));
      for (const t of phase.on) expect(text).toContain(`${node.get(phase.id)} -->|"on ${t.action}`);
    }
    for (const inject of scenario.injects) expect(text).toMatch(new RegExp(`: ${inject.id}(<br/>|")`));
    expect(text).toContain(`start((start)) --> ${node.get(scenario.start)}`);
  });

  it('writes names as Mermaid entity codes, so a title cannot end a label or inject markup', () => {
    const text = mermaidDiagram(scenarioGraph(scenarioFrom(HOSTILE)));
    const line = text.split('\n').find((l) => l.includes('script'))!;
    expect(line).toMatch(/^ {2}p1\["[^"]*"\]$/);
    expect(line).toContain("#lt;script#gt;alert(#quot;x#quot;)#lt;/script#gt; #amp; 'fish' #35;1");
    expect(text).not.toContain('<script');
  });
});

describe('simcell diagram: SVG', () => {
  it.each(BUNDLED)('is well-formed and draws every phase, transition and inject of %s', async (id) => {
    const scenario = await bundled(id);
    const graph = scenarioGraph(scenario);
    const svg = svgDiagram(graph);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    for (const phase of scenario.phases) expect(texts).toContain(phase.id);
    const arrows = [...svg.matchAll(/<path d="[^"]+" [^>]*marker-end="url\(#arrow\)"><title>([^<]*)<\/title><\/path>/g)].map((m) =>
      m[1]!.split(':')[0]!.replace(' → ', ' -> '),
    );
    expect(arrows.sort()).toEqual(declared(scenario).sort());
    for (const t of graph.transitions) expect(texts).toContain(t.label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    const body = texts.join('\n').replace(/\n\u00a0+/g, ' '); // a long line wraps onto indented lines
    for (const inject of scenario.injects) expect(body).toMatch(new RegExp(`: ${inject.id}$`, 'm'));
  });

  it('escapes markup in names and stays well-formed', () => {
    const svg = svgDiagram(scenarioGraph(scenarioFrom(HOSTILE)));
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;fish&apos; #1');
  });

  it('the well-formedness check used above rejects broken XML', () => {
    expect(xmlProblem('<svg><g></svg>')).toMatch(/does not close/);
    expect(xmlProblem('<svg><text>a < b</text></svg>')).toMatch(/malformed tag/);
    expect(xmlProblem('<svg><text>Q&A</text></svg>')).toMatch(/stray &/);
    expect(xmlProblem('<svg a="1" a="2"/>')).toMatch(/repeated attribute/);
  });
});

describe('docs/diagrams', () => {
  it.each(BUNDLED)('shows the current diagram of %s (regenerate with simcell diagram … --out)', async (id) => {
    const graph = scenarioGraph(await bundled(id));
    expect(readFileSync(`${ROOT}docs/diagrams/${id}.md`, 'utf8')).toBe(mermaidPage(graph, `scenarios/${id}.yaml`));
    expect(readFileSync(`${ROOT}docs/diagrams/${id}.svg`, 'utf8')).toBe(svgDiagram(graph));
  });
});

describe('the diagram command', () => {
  async function run(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  }

  it('prints Mermaid by default and SVG with --format svg', async () => {
    const file = `${ROOT}scenarios/classroom-phishing.yaml`;
    const mermaid = await run('diagram', file);
    expect(mermaid.code).toBe(0);
    expect(mermaid.out).toMatch(/^---\ntitle: .*\n---\nflowchart TD\n/);
    const svg = await run('diagram', file, '--format', 'svg');
    expect(svg.code).toBe(0);
    expect(xmlProblem(svg.out)).toBeUndefined();
  });

  it.each([
    [['diagram'], 'name one scenario file'],
    [['diagram', 'a.yaml', '--format', 'png'], '--format is one of mermaid, svg, not "png"'],
    [['diagram', 'a.yaml', '--format', 'svg', '--out', 'a.png'], '--out for an SVG drawing ends in .svg'],
  ])('usage errors exit 2: %s', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('a file that does not validate gets its problems and exit 1', async () => {
    const { code, err } = await run('diagram', `${ROOT}scenarios/missing.yaml`);
    expect(code).toBe(1);
    expect(err).toContain('missing.yaml:1:1: no such file');
  });
});
