import { formatClock } from '../../../shared/scenario/duration.ts';
import { html, type HtmlPart, type SafeHtml } from '../html.ts';
import { wallTime, type ReportView } from '../reportView.ts';

/** The exercise overview: what was played, when, by whom, and to what end. */
export function overviewSection(v: ReportView): SafeHtml {
  const { l, model } = v;
  const e = model.exercise;
  const fact = (label: string, value: HtmlPart) =>
    html`<tr>
      <th>${label}</th>
      <td>${value}</td>
    </tr>`;
  return html`<section>
    <h2>${l.overview}</h2>
    <table class="facts">
      <tbody>
        ${fact(l.exercise, `${e.name} (${e.id})`)}
        ${fact(l.scenario, html`<strong>${v.say(model.scenario.title)}</strong><br /><span class="text">${v.say(model.scenario.summary)}</span>`)}
        ${model.scenario.author ? fact(l.author, model.scenario.author) : null} ${fact(l.created, wallTime(e.createdAt))}
        ${fact(l.started, e.startedAt ? wallTime(e.startedAt) : l.notYet)}
        ${fact(l.ended, e.endedAt ? `${wallTime(e.endedAt)} — ${v.endReason()}` : l.notYet)}
        ${fact(l.exerciseTime, formatClock(e.exerciseMs / 1000))} ${fact(l.plannedDuration, formatClock(model.scenario.durationMs / 1000))}
        ${fact(l.status, l.exerciseStatuses[e.status])} ${fact(l.speed, `${e.speed}×`)}
      </tbody>
    </table>
    <h3>${l.organisations}</h3>
    <table>
      <thead>
        <tr>
          <th>${l.organisation}</th>
          <th>${l.kind}</th>
          <th>${l.sector}</th>
          <th>${l.playedBy}</th>
        </tr>
      </thead>
      <tbody>
        ${model.organisations.map(
          (o) =>
            html`<tr>
              <td>${v.say(o.name)}</td>
              <td>${l.kinds[o.kind]}</td>
              <td>${o.sector}</td>
              <td>
                ${
                  o.participants.length
                    ? o.participants.join(', ')
                    : o.simulated
                      ? html`<span class="muted">${l.simulated}</span>`
                      : html`<span class="muted">${l.nobodyRecorded}</span>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>${l.objectives}</h3>
    <ol>
      ${model.objectives.map((o) => html`<li>${v.say(o.text)}</li>`)}
    </ol>
  </section>`;
}

/** Control's executive summary, the key figures, and each objective's team rating beside the engine's judgement. */
export function summarySection(v: ReportView): SafeHtml {
  const { l, model } = v;
  const f = model.figures;
  const x = f.expectations;
  return html`<section>
    <h2>${l.summary}</h2>
    ${
      model.summary
        ? html`<p><span class="text">${model.summary.text}</span></p>
            <p class="muted">— ${model.summary.author}, ${wallTime(model.summary.wallTime)}</p>`
        : html`<p class="muted">${l.noSummary}</p>`
    }
    <h3>${l.keyFigures}</h3>
    <table class="facts">
      <tbody>
        <tr>
          <th>${l.injectsDelivered}</th>
          <td class="num">${f.injectsDelivered}</td>
        </tr>
        <tr>
          <th>${l.actionsTaken}</th>
          <td class="num">${f.actionsTaken}</td>
        </tr>
        <tr>
          <th>${l.messagesSent}</th>
          <td class="num">${f.messagesSent}</td>
        </tr>
        <tr>
          <th>${l.expectationsScored}</th>
          <td class="num">${x.met} / ${x.late} / ${x.missed} / ${x.pending}</td>
        </tr>
        <tr>
          <th>${l.observationsRecorded}</th>
          <td class="num">${f.observations}</td>
        </tr>
        <tr>
          <th>${l.ratingsGiven}</th>
          <td class="num">${f.ratings}</td>
        </tr>
        <tr>
          <th>${l.hotwashAnswers}</th>
          <td class="num">${f.hotwashAnswers}</td>
        </tr>
      </tbody>
    </table>
    <table>
      <thead>
        <tr>
          <th>${l.objective}</th>
          <th>${l.consensus}</th>
          <th>${l.automatic}</th>
        </tr>
      </thead>
      <tbody>
        ${model.objectives.map(
          (o) =>
            html`<tr>
              <td>${v.say(o.text)}</td>
              <td>${v.rating(o)}</td>
              <td>${v.automatic(o)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
