import { html, SafeHtml } from './html.ts';
import { fill, type ReportLanguage } from './reportLabels.ts';
import type { ReportModel } from './reportModel.ts';
import { REPORT_CSP, REPORT_CSS } from './reportStyle.ts';
import { ReportView, wallTime } from './reportView.ts';
import { analysisSection } from './sections/analysisSection.ts';
import { hotwashSection, planSection } from './sections/debriefSections.ts';
import { overviewSection, summarySection } from './sections/overviewSection.ts';
import { responsesSection } from './sections/responsesSection.ts';
import { situationSection } from './sections/situationSection.ts';
import { timelineSection } from './sections/timelineSection.ts';

/**
 * The after-action report as one self-contained HTML page, in the structure of the HSEEP AAR/IP: overview,
 * executive summary, analysis per objective, response times, the situation over time, the timeline, the hot
 * wash and the improvement plan. No script; one stylesheet allowed by hash; every text escaped (html.ts).
 */
export function renderReportHtml(model: ReportModel, lang: ReportLanguage): string {
  const view = new ReportView(model, lang);
  const l = view.l;
  const title = `${l.reportTitle} — ${model.exercise.name}`;
  // Ours and constant: it goes in byte for byte, or its hash in the policy would not match.
  const style = new SafeHtml(`<style>${REPORT_CSS}</style>`);
  const page = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        ${style}
      </head>
      <body>
        <header>
          <h1>${l.reportTitle}</h1>
          <p class="subtitle">${model.exercise.name} · ${view.say(model.scenario.title)}</p>
          ${model.published ? null : html`<p class="draft">${l.draft}</p>`}
          ${model.highestTlp ? html`<p class="notice">${fill(l.tlpNotice, { tlp: model.highestTlp })}</p>` : null}
        </header>
        ${overviewSection(view)} ${summarySection(view)} ${analysisSection(view)} ${responsesSection(view)} ${situationSection(view)}
        ${timelineSection(view)} ${hotwashSection(view)} ${planSection(view)}
        <footer>
          ${fill(l.footer, { id: model.exercise.id, events: model.exercise.events, time: wallTime(model.exercise.exportedAt) })}
        </footer>
      </body>
    </html> `;
  return page.value;
}
