import type { GraphPhase, ScenarioGraph } from './scenarioGraph.ts';

/** A box of text lines placed on the canvas. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly TextLine[];
}

export interface TextLine {
  readonly text: string;
  readonly style: 'title' | 'id' | 'entry' | 'inject' | 'end';
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly phases: ReadonlyMap<string, Box & { readonly layer: number }>;
  readonly timeline?: Box;
}

export const FONT = { title: 14, body: 11 } as const;
const LINE = { title: 20, body: 15 } as const;
const PAD = 10;
const MIN_WIDTH = 170;
const MAX_WIDTH = 420;
const GAP_X = 60;
const GAP_Y = 96;
export const MARGIN = 40;
/** The least room on the left for transitions that skip layers, and on the right for those that go back up. */
const LANE = 120;
/** Room at the top for the heading and the start marker. */
const TOP = 110;

/** How wide a text is likely to be in a sans-serif font; the layout only needs to be roughly right. */
export const textWidth = (text: string, size: number): number => text.length * size * 0.58;

/**
 * A simple layered layout: phases in layers (see `layers`), in file order within a layer, each layer centred,
 * layers top to bottom, lanes on both sides for the transitions that skip a layer or go back; the timeline is
 * a column to the right.
 */
export function layoutGraph(graph: ScenarioGraph): Layout {
  const layerOf = layers(graph);
  const boxes = graph.phases.map((phase) => ({ phase, ...size(phaseLines(phase)) }));
  const byLayer = new Map<number, typeof boxes>();
  for (const box of boxes) byLayer.set(layerOf.get(box.phase.id)!, [...(byLayer.get(layerOf.get(box.phase.id)!) ?? []), box]);
  const layerNumbers = [...byLayer.keys()].sort((a, b) => a - b);
  const rowWidth = (row: typeof boxes) => row.reduce((w, b) => w + b.width, 0) + GAP_X * (row.length - 1);
  const inner = Math.max(...layerNumbers.map((n) => rowWidth(byLayer.get(n)!)));
  // Lanes wide enough for the labels of the transitions that run in them.
  const lane = (side: 'left' | 'right') =>
    Math.max(
      LANE,
      ...graph.transitions
        .filter((t) => {
          const from = layerOf.get(t.from)!;
          const to = layerOf.get(t.to)!;
          return side === 'left' ? to > from + 1 : to <= from;
        })
        .map((t) => textWidth(t.label, FONT.body) + 70),
    );
  const left = lane('left');
  const right = lane('right');
  const phases = new Map<string, Box & { layer: number }>();
  let y = TOP;
  for (const n of layerNumbers) {
    const row = byLayer.get(n)!;
    let x = MARGIN + left + (inner - rowWidth(row)) / 2;
    for (const box of row) {
      phases.set(box.phase.id, { x, y, width: box.width, height: box.height, lines: box.lines, layer: n });
      x += box.width + GAP_X;
    }
    y += Math.max(...row.map((b) => b.height)) + GAP_Y;
  }
  let width = MARGIN + left + inner + right;
  let height = y - GAP_Y + MARGIN;
  let timeline: Box | undefined;
  if (graph.timeline.length) {
    const lines: TextLine[] = [
      { text: 'Timeline', style: 'title' },
      { text: `from the exercise start (${graph.duration} in all)`, style: 'id' },
      ...graph.timeline.map((text) => ({ text: `✉ ${text}`, style: 'inject' as const })),
    ];
    timeline = { x: width, y: TOP, ...size(lines) };
    width += timeline.width;
    height = Math.max(height, TOP + timeline.height + MARGIN);
  }
  return { width: Math.ceil(width + MARGIN), height: Math.ceil(height), phases, ...(timeline ? { timeline } : {}) };
}

function phaseLines(phase: GraphPhase): TextLine[] {
  return [
    { text: phase.title, style: 'title' },
    { text: phase.id, style: 'id' },
    ...phase.entry.map((text) => ({ text, style: 'entry' as const })),
    ...phase.injects.map((text) => ({ text: `✉ ${text}`, style: 'inject' as const })),
    ...(phase.end ? [{ text: 'end of the exercise', style: 'end' as const }] : []),
  ];
}

/** A box's size for its lines; a line too long for the widest box wraps at spaces onto indented lines. */
function size(lines: readonly TextLine[]): { width: number; height: number; lines: TextLine[] } {
  const fontOf = (line: TextLine) => (line.style === 'title' ? FONT.title : FONT.body);
  const fitted = lines.flatMap((line) =>
    wrap(line.text, Math.floor((MAX_WIDTH - 2 * PAD) / (fontOf(line) * 0.58))).map((text) => ({ ...line, text })),
  );
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...fitted.map((l) => textWidth(l.text, fontOf(l)) + 2 * PAD)));
  const height = 2 * PAD + fitted.reduce((h, l) => h + (l.style === 'title' ? LINE.title : LINE.body), 0);
  return { width: Math.ceil(width), height, lines: fitted };
}

function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > room) {
    const cut = rest.lastIndexOf(' ', room);
    const at = cut > room / 3 ? cut : room;
    lines.push(rest.slice(0, at));
    rest = `\u00a0\u00a0\u00a0\u00a0${rest.slice(at).trimStart()}`; // SVG collapses plain spaces
  }
  return [...lines, rest];
}

/**
 * Layers as in a Sugiyama layout: a depth-first walk from the start phase (then from any phase it missed) marks
 * the transitions that go back to a phase on the walk's stack; without them the graph has no cycle, and each
 * phase goes one layer below the deepest phase that leads to it. Forward transitions then always go down.
 */
function layers(graph: ScenarioGraph): Map<string, number> {
  const out = new Map(graph.phases.map((p) => [p.id, graph.transitions.filter((t) => t.from === p.id && t.to !== p.id).map((t) => t.to)]));
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const walk = (id: string): void => {
    state.set(id, 'open');
    for (const to of out.get(id) ?? []) {
      if (state.get(to) === 'open') back.add(`${id}>${to}`);
      else if (!state.has(to)) walk(to);
    }
    state.set(id, 'done');
  };
  walk(graph.start);
  for (const p of graph.phases) if (!state.has(p.id)) walk(p.id);
  const layer = new Map<string, number>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    const into = graph.transitions.filter((t) => t.to === id && t.from !== id && !back.has(`${t.from}>${t.to}`));
    const value = id === graph.start && into.length === 0 ? 0 : Math.max(0, ...into.map((t) => depth(t.from) + 1));
    layer.set(id, value);
    return value;
  };
  for (const p of graph.phases) depth(p.id);
  return layer;
}

export { LINE, PAD };
