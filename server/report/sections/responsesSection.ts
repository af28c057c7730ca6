import { html, type SafeHtml } from '../html.ts';
import { clock, duration, type ReportView } from '../reportView.ts';
import { responseTimeChart } from '../svgCharts.ts';

/** Response times per organisation: the chart, the figures per organisation and every expectation. */
export function responsesSection(v: ReportView): SafeHtml {
  const { l, model } = v;
  const rows = model.responseTimes.map((r) => {
    const answered = model.expectations
      .filter((e) => e.organisation === r.organisation && e.responseMs !== null)
      .map((e) => ({ ms: e.responseMs!, late: e.status === 'late' }));
    const notes = [
      r.counts.missed ? `${r.counts.missed} ${l.statuses.missed}` : '',
      r.counts.pending ? `${r.counts.pending} ${l.statuses.pending}` : '',
    ];
    return { name: v.org(r.organisation), answered, medianMs: r.medianMs, note: notes.filter(Boolean).join(', ') };
  });
  const chart = responseTimeChart(rows, {
    title: l.responseChart,
    met: l.statuses.met,
    late: l.statuses.late,
    median: l.median,
    axis: l.responseChart,
  });
  return html`<section class="page">
    <h2>${l.responses}</h2>
    ${rows.length ? chart : null}
    <table>
      <thead>
        <tr>
          <th>${l.organisation}</th>
          <th class="num">${l.statuses.met}</th>
          <th class="num">${l.statuses.late}</th>
          <th class="num">${l.statuses.missed}</th>
          <th class="num">${l.statuses.pending}</th>
          <th class="num">${l.medianResponse}</th>
          <th class="num">${l.slowest}</th>
          <th class="num">${l.acknowledged}</th>
          <th class="num">${l.medianAcknowledge}</th>
        </tr>
      </thead>
      <tbody>
        ${model.responseTimes.map(
          (r) =>
            html`<tr>
              <td>${v.org(r.organisation)}${r.simulated ? html` <span class="muted">(${l.simulated})</span>` : null}</td>
              <td class="num">${r.counts.met}</td>
              <td class="num">${r.counts.late}</td>
              <td class="num">${r.counts.missed}</td>
              <td class="num">${r.counts.pending}</td>
              <td class="num">${duration(r.medianMs)}</td>
              <td class="num">${duration(r.maxMs)}</td>
              <td class="num">${r.acknowledged}</td>
              <td class="num">${duration(r.acknowledgeMedianMs)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>${l.expectations}</h3>
    ${
      model.expectations.length
        ? html`<table>
            <thead>
              <tr>
                <th>${l.inject}</th>
                <th>${l.organisation}</th>
                <th>${l.expectedAction}</th>
                <th class="num">${l.delivered}</th>
                <th class="num">${l.due}</th>
                <th class="num">${l.responseTime}</th>
                <th>${l.result}</th>
              </tr>
            </thead>
            <tbody>
              ${model.expectations.map(
                (e) =>
                  html`<tr>
                    <td>${v.say(e.injectTitle)}</td>
                    <td>${v.org(e.organisation)}</td>
                    <td>${v.say(e.actionLabel)}</td>
                    <td class="num">${clock(e.deliveredAtMs)}</td>
                    <td class="num">${clock(e.dueAtMs)}</td>
                    <td class="num">${duration(e.responseMs)}</td>
                    <td class="status-${e.status}">${l.statuses[e.status]}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${l.noExpectations}</p>`
    }
  </section>`;
}
