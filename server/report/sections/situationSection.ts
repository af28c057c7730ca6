import { html, type SafeHtml } from '../html.ts';
import { clock, type ReportView } from '../reportView.ts';
import { stepChart } from '../svgCharts.ts';

/** The escalation level and every indicator over exercise time, with the phases. */
export function situationSection(v: ReportView): SafeHtml {
  const { l, model } = v;
  const endMs = model.exercise.exerciseMs;
  const marks = model.phases.map((p, i) => ({ atMs: p.atMs, label: String(i + 1) }));
  const levels = model.escalation.levels;
  const escalation = stepChart({
    title: l.escalation,
    points: model.escalation.points.map((p) => ({ atMs: p.atMs, y: levels.findIndex((x) => x.id === p.level) })),
    yMin: 0,
    yMax: Math.max(1, levels.length - 1),
    yTicks: levels.map((level, i) => ({ y: i, label: v.say(level.label) })),
    endMs,
    marks,
    axis: l.exerciseClock,
    left: 170,
    plotHeight: Math.max(60, (levels.length - 1) * 28),
  });
  const indicators = model.indicators.map((i) =>
    stepChart({
      title: `${v.say(i.label)}${i.unit ? ` (${i.unit})` : ''}`,
      points: i.points.map((p) => ({ atMs: p.atMs, y: p.value })),
      yMin: i.min,
      yMax: i.max,
      yTicks: [i.min, (i.min + i.max) / 2, i.max].map((v) => ({ y: v, label: String(Number(v.toFixed(2))) })),
      endMs,
      marks,
      axis: l.exerciseClock,
    }),
  );
  return html`<section>
    <h2>${l.situation}</h2>
    ${escalation} ${indicators}
    <h3>${l.phases}</h3>
    <ol>
      ${model.phases.map((p) => html`<li><span class="time">${clock(p.atMs)}</span> ${v.say(p.title)}</li>`)}
    </ol>
  </section>`;
}
