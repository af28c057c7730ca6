import type { ScenarioGraph } from './scenarioGraph.ts';
import { FONT, LINE, layoutGraph, MARGIN, PAD, textWidth, type Box, type TextLine } from './svgLayout.ts';

const COLOURS = {
  phase: '#ffffff',
  end: '#e8f5e9',
  endStroke: '#2e7d32',
  stroke: '#37474f',
  timeline: '#f5f5f5',
  edge: '#546e7a',
  muted: '#607d8b',
};

/**
 * A scenario as a self-contained SVG: the layered layout of svgLayout.ts, transitions to the next layer as
 * curves from the bottom of a phase to the top of the next, those that skip layers around the left side and
 * those that go back around the right side, each labelled with its trigger. No script, no external fonts or styles; every text is escaped.
 */
export function svgDiagram(graph: ScenarioGraph): string {
  const layout = layoutGraph(graph);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${xml(`${graph.title} (${graph.id})`)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">' +
      `<path d="M0,0 L10,5 L0,10 z" fill="${COLOURS.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN}" font-size="18" font-weight="bold">${xml(graph.title)}</text>`,
    `<text x="${MARGIN}" y="${MARGIN + 20}" font-size="12" fill="${COLOURS.muted}">${xml(`${graph.id} · ${graph.duration} · ${graph.phases.length} phases, ${graph.transitions.length} transitions`)}</text>`,
  );

  const start = layout.phases.get(graph.start)!;
  const sx = start.x + start.width / 2;
  out.push(
    `<circle cx="${sx}" cy="${start.y - 34}" r="7" fill="${COLOURS.stroke}"/>`,
    `<line x1="${sx}" y1="${start.y - 27}" x2="${sx}" y2="${start.y - 2}" stroke="${COLOURS.edge}" stroke-width="1.5" marker-end="url(#arrow)"/>`,
  );

  const labels: string[] = [];
  const below = new Map<string, number>();
  const lanes = { left: 0, right: 0 };
  const boxes = [...layout.phases.values()];
  const leftmost = Math.min(...boxes.map((b) => b.x));
  const rightmost = Math.max(...boxes.map((b) => b.x + b.width));
  graph.transitions.forEach((t) => {
    const from = layout.phases.get(t.from)!;
    const to = layout.phases.get(t.to)!;
    let d: string;
    let mid: { x: number; y: number };
    if (to.layer === from.layer + 1) {
      // Down one layer: from the bottom of one box to the top of the next, the label in the gap.
      const n = below.get(t.from) ?? 0;
      below.set(t.from, n + 1);
      const x1 = from.x + from.width / 2 + spread(n);
      const y1 = from.y + from.height;
      const x2 = to.x + to.width / 2 + spread(n) / 2;
      const y2 = to.y - 2;
      const dy = (y2 - y1) / 2;
      d = `M${x1},${y1} C${x1},${y1 + dy} ${x2},${y2 - dy} ${x2},${y2}`;
      mid = { x: (x1 + x2) / 2, y: y1 + 22 + n * 14 };
    } else if (to.layer > from.layer) {
      // Down more than one layer: around the left side, so that it crosses no box in between.
      const n = lanes.left++;
      const x1 = from.x;
      const y1 = from.y + from.height - 12;
      const x2 = to.x - 2;
      const y2 = to.y + 14;
      const lane = leftmost - 36 - (n % 6) * 20;
      d = `M${x1},${y1} C${lane},${y1} ${lane},${y2} ${x2},${y2}`;
      mid = { x: 0.125 * (x1 + x2) + 0.75 * lane, y: (y1 + y2) / 2 + (n % 3) * 15 };
    } else {
      // Back up (or to itself): around the right side.
      const n = lanes.right++;
      const x1 = from.x + from.width;
      const y1 = from.y + from.height - 12;
      const x2 = to.x + to.width + 2;
      const y2 = to.y + 14;
      const lane = rightmost + 36 + (n % 6) * 20;
      d = `M${x1},${y1} C${lane},${y1} ${lane},${y2} ${x2},${y2}`;
      mid = { x: 0.125 * (x1 + x2) + 0.75 * lane, y: (y1 + y2) / 2 + (n % 3) * 15 };
    }
    out.push(
      `<path d="${d}" fill="none" stroke="${COLOURS.edge}" stroke-width="1.5" marker-end="url(#arrow)"><title>${xml(`${t.from} → ${t.to}: ${t.label}`)}</title></path>`,
    );
    const w = textWidth(t.label, FONT.body) + 8;
    // Labels of the side lanes stay beside the boxes, not over them.
    if (to.layer > from.layer + 1) mid.x = Math.min(mid.x, leftmost - 8 - w / 2);
    else if (to.layer <= from.layer) mid.x = Math.max(mid.x, rightmost + 8 + w / 2);
    labels.push(
      `<rect x="${round(mid.x - w / 2)}" y="${round(mid.y - 10)}" width="${round(w)}" height="15" rx="3" fill="#ffffff" fill-opacity="0.9"/>`,
      `<text x="${round(mid.x)}" y="${round(mid.y + 1)}" font-size="${FONT.body}" text-anchor="middle" fill="${COLOURS.edge}">${xml(t.label)}</text>`,
    );
  });

  for (const phase of graph.phases) {
    const box = layout.phases.get(phase.id)!;
    out.push(drawBox(box, phase.end ? COLOURS.end : COLOURS.phase, phase.end ? COLOURS.endStroke : COLOURS.stroke, phase.end ? 2.5 : 1.2));
  }
  if (layout.timeline) out.push(drawBox(layout.timeline, COLOURS.timeline, COLOURS.muted, 1, '5 3'));
  out.push(...labels, '</svg>');
  return `${out.join('\n')}\n`;
}

function drawBox(box: Box, fill: string, stroke: string, strokeWidth: number, dash?: string): string {
  const parts = [
    `<g><rect x="${round(box.x)}" y="${round(box.y)}" width="${box.width}" height="${box.height}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
  ];
  let y = box.y + PAD;
  for (const line of box.lines) {
    y += line.style === 'title' ? LINE.title : LINE.body;
    parts.push(`<text x="${round(box.x + PAD)}" y="${round(y - 4)}"${textStyle(line)}>${xml(line.text)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function textStyle(line: TextLine): string {
  switch (line.style) {
    case 'title':
      return ` font-size="${FONT.title}" font-weight="bold"`;
    case 'id':
      return ` font-size="${FONT.body}" fill="${COLOURS.muted}"`;
    case 'entry':
      return ` font-size="${FONT.body}" font-style="italic"`;
    case 'end':
      return ` font-size="${FONT.body}" font-style="italic" fill="${COLOURS.endStroke}"`;
    case 'inject':
      return ` font-size="${FONT.body}"`;
  }
}

/** Spreads the arrows that leave one phase: 0, +24, −24, +48, … */
const spread = (n: number): number => (n === 0 ? 0 : (n % 2 ? 1 : -1) * 24 * Math.ceil(n / 2));

const round = (n: number): number => Math.round(n * 10) / 10;

/** Text for an SVG element or attribute: the five characters XML gives meaning to as entities, and no control characters XML forbids. */
export function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: removing them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
