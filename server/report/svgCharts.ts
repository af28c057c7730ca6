import { formatClock } from '../../shared/scenario/duration.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * The report's charts as inline SVG: no script, no external file, sharp in print. Every text in them goes
 * through `html`, so names from the scenario are escaped here as everywhere else.
 */
const WIDTH = 680;
const MINUTE = 60_000;
const n = (value: number) => Number(value.toFixed(1));

export interface ResponseRow {
  readonly name: string;
  readonly answered: readonly { readonly ms: number; readonly late: boolean }[];
  readonly medianMs: number | null;
  /** Shown after the row, e.g. "2 missed". */
  readonly note: string;
}

export interface ChartWords {
  readonly title: string;
  readonly met: string;
  readonly late: string;
  readonly median: string;
  readonly axis: string;
}

/** One row per organisation: a dot per answered expectation at its response time, and the median. */
export function responseTimeChart(rows: readonly ResponseRow[], words: ChartWords): SafeHtml {
  const left = 170;
  const right = 110;
  const top = 34;
  const rowHeight = 26;
  const plotWidth = WIDTH - left - right;
  const longest = Math.max(MINUTE, ...rows.flatMap((r) => r.answered.map((a) => a.ms)));
  const step = tickStep(longest, 6);
  const maxMs = Math.ceil(longest / step) * step;
  const x = (ms: number) => n(left + (ms / maxMs) * plotWidth);
  const height = top + rows.length * rowHeight + 34;
  const bottom = top + rows.length * rowHeight;
  const ticks = range(0, maxMs, step);
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${words.title}" xmlns="http://www.w3.org/2000/svg">
    <title>${words.title}</title>
    <g font-size="11" fill="#222">
      <circle cx="${left}" cy="14" r="4" fill="#2e7d32" />
      <text x="${left + 8}" y="18">${words.met}</text>
      <rect x="${left + 76}" y="10" width="8" height="8" fill="none" stroke="#c43e00" stroke-width="2" />
      <text x="${left + 90}" y="18">${words.late}</text>
      <line x1="${left + 156}" y1="8" x2="${left + 156}" y2="20" stroke="#111" stroke-width="2" />
      <text x="${left + 162}" y="18">${words.median}</text>
    </g>
    ${ticks.map((t) => html`<line x1="${x(t)}" y1="${top}" x2="${x(t)}" y2="${bottom}" stroke="#ddd" /><text x="${x(t)}" y="${bottom + 14}" font-size="10" text-anchor="middle" fill="#444">${Math.round(t / MINUTE)}</text>`)}
    <text x="${left + plotWidth / 2}" y="${bottom + 28}" font-size="10" text-anchor="middle" fill="#444">${words.axis}</text>
    ${rows.map((row, i) => {
      const y = top + i * rowHeight + rowHeight / 2;
      return html`<g>
        <text x="${left - 8}" y="${y + 4}" font-size="11" text-anchor="end" fill="#111">${clip(row.name, 28)}</text>
        <line x1="${left}" y1="${y}" x2="${left + plotWidth}" y2="${y}" stroke="#eee" />
        ${row.answered.map((a) =>
          a.late
            ? html`<rect x="${x(a.ms) - 4}" y="${y - 4}" width="8" height="8" fill="none" stroke="#c43e00" stroke-width="2" />`
            : html`<circle cx="${x(a.ms)}" cy="${y}" r="4" fill="#2e7d32" fill-opacity="0.8" />`,
        )}
        ${row.medianMs === null ? null : html`<line x1="${x(row.medianMs)}" y1="${y - 8}" x2="${x(row.medianMs)}" y2="${y + 8}" stroke="#111" stroke-width="2" />`}
        <text x="${left + plotWidth + 8}" y="${y + 4}" font-size="10" fill="#444">${row.note}</text>
      </g>`;
    })}
  </svg>`;
}

export interface StepSeries {
  readonly title: string;
  readonly points: readonly { readonly atMs: number; readonly y: number }[];
  readonly yMin: number;
  readonly yMax: number;
  /** Labelled lines across the plot: numbers for an indicator, the levels for escalation. */
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly endMs: number;
  /** Phase changes as numbered dashed lines. */
  readonly marks: readonly { readonly atMs: number; readonly label: string }[];
  readonly axis: string;
  readonly left?: number;
  readonly plotHeight?: number;
}

/** A value over exercise time as a step line: it holds until the next change. */
export function stepChart(series: StepSeries): SafeHtml {
  const left = series.left ?? 56;
  const right = 16;
  const top = 24;
  const plotHeight = series.plotHeight ?? 110;
  const plotWidth = WIDTH - left - right;
  const endMs = Math.max(series.endMs, MINUTE, ...series.points.map((p) => p.atMs));
  const span = series.yMax - series.yMin || 1;
  const x = (ms: number) => n(left + (ms / endMs) * plotWidth);
  const y = (value: number) => n(top + plotHeight - ((value - series.yMin) / span) * plotHeight);
  const bottom = top + plotHeight;
  const height = bottom + 34;
  const path = series.points
    .map((p, i) => (i === 0 ? `M${x(p.atMs)} ${y(p.y)}` : `H${x(p.atMs)} V${y(p.y)}`))
    .concat(series.points.length ? [`H${x(endMs)}`] : [])
    .join(' ');
  const step = tickStep(endMs, 8);
  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${height}"
    role="img"
    aria-label="${series.title}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <title>${series.title}</title>
    <text x="${left}" y="14" font-size="12" font-weight="bold" fill="#111">${clip(series.title, 90)}</text>
    ${series.yTicks.map((t) => html`<line x1="${left}" y1="${y(t.y)}" x2="${left + plotWidth}" y2="${y(t.y)}" stroke="#e4e4e4" /><text x="${left - 6}" y="${y(t.y) + 4}" font-size="10" text-anchor="end" fill="#444">${clip(t.label, 26)}</text>`)}
    ${range(0, endMs, step).map((t) => html`<text x="${x(t)}" y="${bottom + 14}" font-size="10" text-anchor="middle" fill="#444">${formatClock(t / 1000)}</text>`)}
    ${series.marks.map((m) => html`<line x1="${x(m.atMs)}" y1="${top - 4}" x2="${x(m.atMs)}" y2="${bottom}" stroke="#999" stroke-dasharray="3 3" /><text x="${x(m.atMs) + 3}" y="${top + 6}" font-size="9" fill="#666">${m.label}</text>`)}
    <line x1="${left}" y1="${bottom}" x2="${left + plotWidth}" y2="${bottom}" stroke="#888" />
    <path d="${path}" fill="none" stroke="#1f4e79" stroke-width="2" />
    <text x="${left + plotWidth / 2}" y="${bottom + 28}" font-size="10" text-anchor="middle" fill="#444">${series.axis}</text>
  </svg>`;
}

/** A round step (1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 4, 6, 12, 24 hours) giving at most `count` intervals. */
function tickStep(spanMs: number, count: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440].map((m) => m * MINUTE);
  return steps.find((s) => spanMs / s <= count) ?? Math.ceil(spanMs / count / (1440 * MINUTE)) * 1440 * MINUTE;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(v);
  return out;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
