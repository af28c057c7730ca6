import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_STYLE_HASH } from '../../server/report/reportStyle.ts';
import { launchChromium } from '../support/headlessChromium.ts';
import { SeatClient } from '../support/seatClient.ts';
import { ADMIN_TOKEN, startTestServer, type CreatedExercise, type TestServer } from '../support/testServer.ts';
import { portDrill } from '../unit/report/portDrill.ts';

let t: TestServer;
beforeAll(async () => {
  const scenariosDir = mkdtempSync(join(tmpdir(), 'simcell-report-scenarios-'));
  writeFileSync(join(scenariosDir, 'port-drill.yaml'), portDrill());
  t = await startTestServer(2740, { scenariosDir });
});
afterAll(() => t.close());

interface ReportJson {
  exercise: { id: string; status: string; endReason: string | null };
  expectations: { id: string; status: string; deliveredAtMs: number; respondedAtMs: number | null; responseMs: number | null }[];
  objectives: { id: string; consensus: string | null; ratings: { rater: string; rating: string }[] }[];
  hotwash: { participant: string; wentWell: string }[];
  improvementPlan: { id: string }[];
  summary: { text: string } | null;
  timeline: { kind: string; ref: string | null }[];
  published: boolean;
}

type StateExpectation = { id: string; status: string; deliveredAtMs: number; respondedAtMs: number };

/** A GET with the admin token (or none), answered as text with its headers. */
async function get(path: string, token: string | null = ADMIN_TOKEN) {
  const res = await fetch(`${t.http}${path}`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}

/**
 * Plays the port drill over real WebSockets at 600× (ten exercise minutes a wall second): the terminal notifies
 * NCSC once the police were asked at 00:20 (well within its 30 minutes), SimCell answers for the police, the
 * port closes its gates only after the journalist's question at 00:50 — past its 20 minutes —
 * and NCSC never publishes its advisory. Then the debrief: two evaluators rate, two players answer the hot wash,
 * Control writes the summary and the plan.
 */
async function playAndDebrief(ex: CreatedExercise) {
  const join = (code: string, name: string) => SeatClient.join(t.ws, ex.roomId, { code, name });
  const control = await join(ex.codes.control, 'Cora');
  const eva = await join(ex.codes.evaluator, 'Eva');
  const rob = await join(ex.codes.evaluator, 'Rob');
  const tessa = await join(ex.codes.organisations.terminal!, 'Tessa');
  const piet = await join(ex.codes.organisations.port!, 'Piet');
  await control.must('control.start', {});
  await tessa.waitForInject('ransom-note');
  await tessa.must('acknowledge', { inject: 'ransom-note' });
  await control.waitForInject('police-request'); // notifying NCSC ends the detection phase: wait until the police were asked
  await tessa.must('act', { action: 'notify-ncsc' });
  await tessa.must('message.send', { to: ['port', 'ncsc'], tlp: 'TLP:AMBER', subject: 'Terminal down', body: 'All systems encrypted.' });
  await piet.waitForInject('press-question', 20_000);
  await piet.must('act', { action: 'close-gates' });
  await eva.must('observation.record', { text: 'Tessa called NCSC at once.', inject: 'ransom-note', organisation: 'terminal' });
  await control.must('control.end', {});
  await expect.poll(() => (control.room.state as unknown as { clock: { status: string } }).clock.status).toBe('ended');

  await eva.must('objective.rate', { objective: 'early-warning', rating: 'P', strengths: 'Fast.' });
  await rob.must('objective.rate', { objective: 'early-warning', rating: 'S', improvements: 'Inform the police.' });
  await eva.must('objective.rate', { objective: 'continuity', rating: 'M' });
  await tessa.must('hotwash.submit', { wentWell: 'We called NCSC at once.', toImprove: 'Backups.' });
  await piet.must('hotwash.submit', { wentWell: 'Clear roles.', toImprove: 'Decide sooner.' });
  await control.must('report.summary', { text: 'The terminal warned early; the port decided late.' });
  await control.must('report.planItem', {
    item: { id: 'PI-1', issue: 'Gate decision slow', action: 'Mandate the duty officer', organisation: 'port', due: '2025-06-01' },
  });
  const state = (control.room.state as unknown as { control: { expectations: { toJSON(): Record<string, StateExpectation> } } }).control;
  return { control, seats: [control, eva, rob, tessa, piet], liveExpectations: Object.values(state.expectations.toJSON()) };
}

describe('the after-action report over HTTP', () => {
  it('Control reads JSON, HTML and CSV with its token; the public link works only while published', async () => {
    const ex = await t.createExercise({ scenario: 'port-drill', speed: 600 });
    const { control, seats, liveExpectations } = await playAndDebrief(ex);

    // JSON: the report scores exactly what the live room showed Control, and holds the debrief.
    const json = await get(`/api/exercises/${ex.id}/report`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const report = JSON.parse(json.text) as ReportJson;
    expect(report.exercise).toMatchObject({ id: ex.id, status: 'ended', endReason: 'control' });
    expect(Object.fromEntries(report.expectations.map((e) => [e.id, e.status]))).toEqual({
      'ransom-note#0/terminal': 'met',
      'police-request#0/police': 'met',
      'close-request#0/port': 'late',
      'advisory-request#0/ncsc': 'missed',
    });
    for (const live of liveExpectations) {
      const scored = report.expectations.find((e) => e.id === live.id)!;
      expect(scored).toMatchObject({ status: live.status, deliveredAtMs: live.deliveredAtMs });
      expect(scored.responseMs).toBe(live.respondedAtMs >= 0 ? live.respondedAtMs - live.deliveredAtMs : null);
    }
    expect(report.objectives.find((o) => o.id === 'early-warning')).toMatchObject({
      consensus: 'S', // P and S: the more severe middle rating
      ratings: [
        { rater: 'Eva', rating: 'P' },
        { rater: 'Rob', rating: 'S' },
      ],
    });
    expect(report.hotwash.map((h) => h.participant)).toEqual(['Tessa', 'Piet']);
    expect(report.summary?.text).toBe('The terminal warned early; the port decided late.');
    expect(report.improvementPlan.map((p) => p.id)).toEqual(['PI-1']);
    expect(report.timeline.filter((e) => e.kind === 'message')).toHaveLength(1);
    expect(report.published).toBe(false);

    // HTML preview before publishing, under a policy that allows its one stylesheet and no script.
    const preview = await get(`/api/exercises/${ex.id}/report.html?lang=nl`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = preview.headers.get('content-security-policy')!;
    expect(csp).toContain(`style-src ${REPORT_STYLE_HASH}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(preview.text).toContain('<h1>Evaluatierapport</h1>');
    expect(preview.text).toContain('Concept — niet gepubliceerd');

    const csv = await get(`/api/exercises/${ex.id}/timeline.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="simcell-${ex.id}-timeline.csv"`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFtime,seconds,kind,organisation,from,to,tlp,channel,author,ref,title,text');
    expect(csv.text.split('\r\n').length - 2).toBe(report.timeline.length); // header, rows, the final CRLF

    // The link: unguessable, and closed until Control publishes.
    const link = await get(`/api/exercises/${ex.id}/report-link`);
    const { url, path, published } = JSON.parse(link.text) as { url: string; path: string; published: boolean };
    expect(published).toBe(false);
    expect(path).toMatch(new RegExp(`^/report/${ex.id}/[A-Za-z0-9_-]{43}$`));
    expect(url).toBe(`${t.http}${path}`);
    const token = path.split('/')[3]!;
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const closed = await get(path, null);
    expect(closed).toMatchObject({ status: 404, text: 'Not found' });

    await control.must('report.publish', { published: true });
    const open = await get(path, null);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-security-policy')).toContain(`style-src ${REPORT_STYLE_HASH}`);
    expect(open.headers.get('cache-control')).toBe('no-store');
    expect(open.text).toContain('<h1>After-action report</h1>');
    expect(open.text).not.toContain('Draft — not published');
    expect((await get(`${path}?lang=nl`, null)).text).toContain('<h1>Evaluatierapport</h1>');
    for (const bad of [
      `/report/${ex.id}/${wrong}`,
      `/report/${ex.id}/${token.slice(0, 20)}`,
      `/report/nope1234/${token}`,
      `/report/${ex.id}/`,
    ])
      expect(await get(bad, null), bad).toMatchObject({ status: 404 });
    expect((await get(`/report/${ex.id}/${wrong}`, null)).text).toBe('Not found'); // the same answer as unpublished: no detail
    expect(JSON.parse((await get(`/api/exercises/${ex.id}/report-link`)).text)).toMatchObject({ published: true });

    // A real browser shows the published report with its stylesheet and no policy violation.
    const browser = await launchChromium();

    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(m.text()) : undefined));
      page.on('pageerror', (e) => void problems.push(e.message));
      await page.goto(`${t.http}${path}`);
      const seen = await page.evaluate(() => ({
        title: document.querySelector('h1')?.textContent,
        h2Colour: getComputedStyle(document.querySelector('h2')!).color,
        charts: document.querySelectorAll('svg.chart').length,
        scripts: document.scripts.length,
      }));
      expect(seen).toEqual({ title: 'After-action report', h2Colour: 'rgb(31, 78, 121)', charts: 3, scripts: 0 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }

    await control.must('report.publish', { published: false });
    expect(await get(path, null)).toMatchObject({ status: 404, text: 'Not found' });
    await Promise.all(seats.map((s) => s.leave()));
  });

  it('the report routes need the admin token, know their exercise and their language', async () => {
    const ex = await t.createExercise({ scenario: 'port-drill' });
    for (const route of ['report', 'report.html', 'timeline.csv', 'report-link']) {
      expect((await get(`/api/exercises/${ex.id}/${route}`, null)).status, route).toBe(401);
      expect((await get(`/api/exercises/${ex.id}/${route}`, 'wrong-token-0123456789')).status, route).toBe(401);
      expect(JSON.parse((await get(`/api/exercises/nope1234/${route}`)).text)).toEqual({
        error: 'UNKNOWN_EXERCISE',
        message: 'no exercise "nope1234"',
      });
    }
    expect(JSON.parse((await get(`/api/exercises/${ex.id}/report.html?lang=fr`)).text)).toMatchObject({
      error: 'INVALID_REQUEST',
      field: 'lang',
    });
    // Not started yet: a report all the same, an overview and empty sections.
    const report = JSON.parse((await get(`/api/exercises/${ex.id}/report`)).text) as ReportJson;
    expect(report).toMatchObject({ exercise: { status: 'ready' }, timeline: [], published: false });
  });
});
