import { html, type SafeHtml } from '../html.ts';
import type { TimelineEntry } from '../reportModel.ts';
import { clock, tlpBadge, type ReportView } from '../reportView.ts';

/** Everything that happened, in exercise time. */
export function timelineSection(v: ReportView): SafeHtml {
  const { l } = v;
  return html`<section class="page">
    <h2>${l.timeline}</h2>
    <table class="fixed">
      <colgroup>
        <col class="time" />
        <col class="what" />
        <col class="who" />
        <col class="to" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th>${l.time}</th>
          <th>${l.what}</th>
          <th>${l.who}</th>
          <th>${l.to}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${v.model.timeline.map((t) => timelineRow(v, t))}
      </tbody>
    </table>
  </section>`;
}

function timelineRow(v: ReportView, t: TimelineEntry): SafeHtml {
  const who = t.kind === 'inject' ? v.say(t.fromName ?? t.from ?? '') : t.kind === 'message' ? v.org(t.from) : v.org(t.organisation);
  const author = t.author && t.author !== who ? t.author : '';
  const title = v.say(t.title);
  const text = v.say(t.text);
  return html`<tr>
    <td class="time">${clock(t.atMs)}</td>
    <td>
      ${v.l.timelineKinds[t.kind]}${t.channel ? html`<br /><span class="muted">${t.channel}</span>` : null}${t.tlp ? html`<br />${tlpBadge(t.tlp)}` : null}
    </td>
    <td>${who}${who && author ? html`<br />` : null}${author ? html`<span class="muted">${author}</span>` : null}</td>
    <td>${t.to.map((a) => v.org(a)).join(', ')}</td>
    <td>
      ${title ? html`<strong>${title}</strong>` : null}${title && text ? html`<br />` : null}${text ? html`<span class="text">${text}</span>` : null}
    </td>
  </tr>`;
}
