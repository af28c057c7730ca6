import { html, type SafeHtml } from '../html.ts';
import { clock, wallTime, type ReportView } from '../reportView.ts';

/** Per objective: every rater's rating, the team rating, strengths, areas for improvement and linked observations. */
export function analysisSection(v: ReportView): SafeHtml {
  const { l } = v;
  return html`<section class="page">
    <h2>${l.analysis}</h2>
    ${v.model.objectives.map((o, i) => {
      const strengths = o.ratings.filter((r) => r.strengths.trim());
      const improvements = o.ratings.filter((r) => r.improvements.trim());
      return html`<div class="objective">
        <h3>${i + 1}. ${v.say(o.text)}</h3>
        <p><strong>${l.consensus}:</strong> ${v.rating(o)}</p>
        <p><strong>${l.automatic}:</strong> ${v.automatic(o)}</p>
        ${
          o.ratings.length
            ? html`<table>
                <thead>
                  <tr>
                    <th>${l.ratedBy}</th>
                    <th>${l.rating}</th>
                    <th>${l.time}</th>
                  </tr>
                </thead>
                <tbody>
                  ${o.ratings.map(
                    (r) =>
                      html`<tr>
                        <td>${r.rater}</td>
                        <td><span class="rating rating-${r.rating}">${r.rating}</span> ${l.ratings[r.rating]}</td>
                        <td class="time">${wallTime(r.wallTime)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : null
        }
        <h4>${l.strengths}</h4>
        ${
          strengths.length
            ? html`<ul>
                ${strengths.map((r) => html`<li><span class="text">${r.strengths}</span> <span class="muted">— ${r.rater}</span></li>`)}
              </ul>`
            : html`<p class="muted">${l.none}</p>`
        }
        <h4>${l.improvements}</h4>
        ${
          improvements.length
            ? html`<ul>
                ${improvements.map((r) => html`<li><span class="text">${r.improvements}</span> <span class="muted">— ${r.rater}</span></li>`)}
              </ul>`
            : html`<p class="muted">${l.none}</p>`
        }
        <h4>${l.observations}</h4>
        ${
          o.observations.length
            ? html`<ul>
                ${o.observations.map((ob) => html`<li><span class="time">${clock(ob.atMs)}</span> ${ob.organisation ? html`<strong>${v.org(ob.organisation)}</strong>: ` : null}<span class="text">${ob.text}</span> <span class="muted">— ${ob.author}</span></li>`)}
              </ul>`
            : html`<p class="muted">${l.none}</p>`
        }
      </div>`;
    })}
  </section>`;
}
