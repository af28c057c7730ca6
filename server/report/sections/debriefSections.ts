import type { PlanItem } from '../../../shared/protocol/evaluation.ts';
import { html, type SafeHtml } from '../html.ts';
import type { ReportView } from '../reportView.ts';

/** The participants' hot-wash answers. */
export function hotwashSection(v: ReportView): SafeHtml {
  const { l, model } = v;
  return html`<section>
    <h2>${l.hotwash}</h2>
    ${
      model.hotwash.length
        ? html`<table>
            <thead>
              <tr>
                <th>${l.participant}</th>
                <th>${l.wentWell}</th>
                <th>${l.toImprove}</th>
              </tr>
            </thead>
            <tbody>
              ${model.hotwash.map(
                (h) =>
                  html`<tr>
                    <td>${h.participant}<br /><span class="muted">${v.org(h.organisation)}</span></td>
                    <td><span class="text">${h.wentWell}</span></td>
                    <td><span class="text">${h.toImprove}</span></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${l.noHotwash}</p>`
    }
  </section>`;
}

/** The improvement plan Control wrote: issue, corrective action, who, by when. */
export function planSection(v: ReportView): SafeHtml {
  const { l, model } = v;
  const objective = (item: PlanItem) => {
    const found = model.objectives.find((o) => o.id === item.objective);
    return found ? v.say(found.text) : (item.objective ?? '');
  };
  return html`<section class="page">
    <h2>${l.plan}</h2>
    ${
      model.improvementPlan.length
        ? html`<table>
            <thead>
              <tr>
                <th>${l.issue}</th>
                <th>${l.correctiveAction}</th>
                <th>${l.responsible}</th>
                <th class="num">${l.dueDate}</th>
                <th>${l.objective}</th>
              </tr>
            </thead>
            <tbody>
              ${model.improvementPlan.map(
                (item) =>
                  html`<tr>
                    <td><span class="text">${item.issue}</span></td>
                    <td><span class="text">${item.action}</span></td>
                    <td>${v.org(item.organisation)}</td>
                    <td class="num">${item.due}</td>
                    <td>${objective(item)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${l.noPlan}</p>`
    }
  </section>`;
}
