import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../server/report/buildReport.ts';
import { renderReportHtml } from '../../../server/report/renderReportHtml.ts';
import { REPORT_CSP, REPORT_STYLE_HASH } from '../../../server/report/reportStyle.ts';
import { HOSTILE } from './portDrill.ts';
import { recordPortDrill } from './recordPortDrill.ts';

const model = buildReport(recordPortDrill());
const english = renderReportHtml(model, 'en');
const dutch = renderReportHtml(model, 'nl');

/** The text between the tags, roughly: enough to find words without markup in between. */
const text = (page: string) => page.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('renderReportHtml', () => {
  it('has every section of the AAR/IP, in English and in Dutch', () => {
    for (const heading of [
      'After-action report',
      'Exercise overview',
      'Participating organisations',
      'Objectives',
      'Executive summary',
      'Analysis per objective',
      'Strengths',
      'Areas for improvement',
      'Response times per organisation',
      'Indicators and escalation over time',
      'Timeline',
      'Hot wash',
      'Improvement plan',
    ])
      expect(english).toContain(`>${heading}</h`);
    for (const heading of [
      'Evaluatierapport',
      'Overzicht van de oefening',
      'Managementsamenvatting',
      'Analyse per doelstelling',
      'Reactietijden per organisatie',
      'Tijdlijn',
      'Verbeterplan',
    ])
      expect(dutch).toContain(`>${heading}</h`);
    expect(dutch).toContain('<html lang="nl">');
  });

  it('shows the scenario texts in the chosen language and people’s texts as written, line breaks kept', () => {
    expect(english).toContain('<span class="text">Line one, with a comma\nLine two &quot;quoted&quot;</span>');
    expect(text(english)).toContain('Screens show a ransom note');
    expect(text(dutch)).toContain('Schermen tonen een losgeldbrief');
    expect(text(dutch)).toContain('Uitgevoerd met enkele problemen'); // the S of the team rating
    for (const page of [english, dutch]) expect(text(page)).toContain('The terminal warned early; the port decided late.');
  });

  it('prints the figures: team ratings, response times, due dates, the plan', () => {
    const t = text(english);
    expect(t).toMatch(/Incidents reach NCSC early S Performed with some challenges achieved \(2 met, 0 late, 0 missed\)/);
    expect(t).toMatch(
      /Keep the port running U Unable to be performed not achieved \(0 met, 1 late, 0 missed; its condition did not hold at the end\)/,
    );
    expect(t).toMatch(/Container terminal 1 0 0 0 12 min 12 min 1 2 min/);
    expect(t).toMatch(/Close the gates\? Port authority Close the gates 00:22 00:42 30 min late/);
    expect(t).toMatch(/Gate decision slow Mandate the duty officer to close the gates Port authority 2025-06-01 Keep the port running/);
    expect(t).toContain('This report contains material labelled TLP:RED');
    expect(english).not.toContain('Draft — not published');
  });

  it('draws the charts as inline SVG: one dot per answered expectation, a step line per indicator and for escalation', () => {
    const charts = english.match(/<svg\s+class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(3); // response times, escalation, throughput
    expect(charts[0]!.match(/<circle cx/g)).toHaveLength(1 + 2); // the legend's, terminal's and police's met expectations
    expect(charts[0]!.match(/<rect x/g)).toHaveLength(1 + 1); // the legend's and the port's late one
    // Throughput 100 → 60 at 00:10 → 50 at 00:30 → 30 at 00:52, held to the end at 01:00: four levels, three steps.
    const path = /<path d="([^"]+)"/.exec(charts[2]!)![1]!;
    expect(path.match(/V/g)).toHaveLength(3);
  });

  it('is one self-contained page: no script, no external resource, its one stylesheet allowed by hash', () => {
    expect(english).not.toMatch(/<script|<link|<iframe|<img|src=|href=|url\(|@import|\son\w+=/i);
    const styles = [...english.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`;
    expect(hash).toBe(REPORT_STYLE_HASH);
    expect(english).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}"`);
    expect(REPORT_CSP).not.toContain('unsafe-inline');
    expect(english).not.toMatch(/\sstyle="/); // a style attribute would be blocked by the policy
  });

  it('lays out for A4: the page size, breaks before the big sections, rows that do not split', () => {
    expect(english).toContain('@page { size: A4;');
    expect(english.match(/<section class="page">/g)!.length).toBeGreaterThanOrEqual(4);
    expect(english).toContain('tr { break-inside: avoid; }');
  });

  it('marks a report that is not published as a draft', () => {
    expect(renderReportHtml({ ...model, published: false }, 'en')).toContain('Draft — not published');
  });
});

describe('renderReportHtml with markup planted in every text', () => {
  const hostile = buildReport(recordPortDrill({ hostile: true }));
  const pages = { en: renderReportHtml(hostile, 'en'), nl: renderReportHtml(hostile, 'nl') };

  it.each(Object.entries(pages))('[%s] no planted tag or handler survives: they all come out as text', (lang, page) => {
    expect(page).not.toMatch(/<script|<img/i);
    // No event handler in any tag, once quoted attribute values (where escaped text may say "onerror=") are set aside.
    const tags = page.match(/<[a-zA-Z][^>]*>/g)!.map((tag) => tag.replace(/"[^"]*"/g, '""'));
    expect(tags.filter((tag) => /\son\w+\s*=/i.test(tag))).toEqual([]);
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';
    // The scenario's title, summary, author, texts and names, the exercise name and everything people wrote.
    expect(page.split(escaped).length - 1).toBeGreaterThanOrEqual(15);
    const inSvg = (page.match(/<svg[\s\S]*?<\/svg>/g) ?? []).join('');
    if (lang === 'en') expect(inSvg).toContain('&lt;script&gt;'); // the English organisation and indicator names are in the charts
  });

  it('the model keeps the texts as they were written', () => {
    expect(hostile.exercise.name).toBe(`Port drill ${HOSTILE}`);
    expect(hostile.summary?.text).toContain(HOSTILE);
  });
});
