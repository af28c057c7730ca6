import type { Page } from 'playwright-core';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type JoinCodes } from './support/testServer.ts';
import { useBrowserHarness, type Harness } from './support/browserHarness.ts';

/**
 * Issue 5: every scenario text, player message, log entry, name and observation is rendered as text, never as
 * markup. Each text below carries an <img> whose loading would request /xss-probe/<where> and whose onerror
 * would set window.__xss, and a <script> that would set it too. The scenario is imported as an archive (the
 * way a hostile file would arrive), players type the rest, and every screen is driven for real. On every
 * page: no probe element in the DOM, no inline handler, the flag never set, no request for a probe, and the
 * payload visible as the literal text it is. The Content-Security-Policy would stop an inline handler on its
 * own; the probe request (an <img> from the page's own origin, which the policy allows) and the DOM checks
 * do not rely on it, and a blocked handler would still fail the test as a console error (the harness).
 */
const h = useBrowserHarness('xss');

/** A text that is markup if anything renders it as HTML. */
const hostile = (where: string) =>
  `<img src="/xss-probe/${where}" onerror="window.__xss='${where}'"><script>window.__xss='${where}'</script> ${where}`;
/** Names are at most 60 characters. */
const hostileName = (where: string) => `<img src=/xss-probe/${where} onerror=__xss=1>`;
const en = (where: string) => ({ en: hostile(where) });

const SCENARIO = {
  id: 'hostile',
  title: en('scenario-title'),
  summary: en('scenario-summary'),
  languages: ['en'],
  duration: 'PT4H',
  escalation: {
    levels: [
      { id: 'normal', label: en('level-normal') },
      { id: 'incident', label: en('level-incident') },
    ],
  },
  organisations: [
    { id: 'bank-a', name: en('org-bank-a'), kind: 'private', sector: 'finance', seats: [{ id: 'soc', name: en('seat-soc') }] },
    { id: 'bank-b', name: en('org-bank-b'), kind: 'private', sector: 'finance' },
    { id: 'isp', name: en('org-isp'), kind: 'private', sector: 'telecom', simulated: true },
  ],
  personas: [{ id: 'reporter', name: en('persona') }],
  indicators: [
    { id: 'availability', label: en('indicator-public'), initial: 100, min: 0, max: 100 },
    { id: 'pressure', label: en('indicator-private'), initial: 10, public: false },
  ],
  timeline: [
    { id: 'headline', at: 'PT1M', channel: 'news', from: 'reporter', to: 'all', title: en('public-title'), body: en('public-body') },
  ],
  phases: {
    attack: {
      title: en('phase'),
      escalation: 'incident',
      injects: [
        {
          id: 'alert',
          at: 'PT2M',
          channel: 'email',
          from: 'reporter',
          to: ['bank-a'],
          tlp: 'amber',
          title: en('inject-title'),
          body: en('inject-body'),
          expects: [{ action: 'report', by: 'bank-a', within: 'PT30M', objective: 'warn' }],
        },
      ],
    },
  },
  actions: [
    { id: 'report', label: en('action-label'), description: en('action-description'), by: ['bank-a', 'bank-b'], report: true },
    { id: 'filter', label: en('sim-action'), by: ['isp'] },
  ],
  objectives: [{ id: 'warn', text: en('objective') }],
};

/** Imports the hostile scenario as an exercise archive with no events, as an operator could. */
async function importHostile(): Promise<{ id: string; codes: JoinCodes }> {
  const archive = {
    format: 'simcell-archive/1',
    exportedAt: '2025-01-01T00:00:00.000Z',
    exercise: {
      id: `hostile-${Date.now().toString(36)}`,
      name: hostile('exercise-name'),
      scenarioId: 'hostile',
      speed: 1,
      createdAt: '2025-01-01T00:00:00.000Z',
      status: 'ready',
    },
    scenarioSource: stringify(SCENARIO),
    events: [],
  };
  const response = await fetch(`${h.server.url}/api/exercises/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(archive),
  });
  const body = (await response.json()) as { id: string; codes: JoinCodes; problems?: string[] };
  if (response.status !== 201) throw new Error(`the import failed: ${response.status} ${JSON.stringify(body.problems ?? body)}`);
  return body;
}

const WAIT = { timeout: 30_000 };
const probeRequests: string[] = [];

async function open(harness: Harness, name: string, path: string, ready: string): Promise<Page> {
  const page = await harness.open(name, path);
  page.on('request', (request) => {
    if (request.url().includes('xss-probe')) probeRequests.push(`[${name}] ${request.url()}`);
  });
  await page.locator(ready).waitFor(WAIT);
  return page;
}

/** Nothing on the page came from markup in a text: no probe element, no inline handler, no flag. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    flag: (window as { __xss?: unknown }).__xss ?? null,
    probes: [...document.querySelectorAll('img, script, iframe, object, embed, svg image')]
      .map((node) => node.outerHTML)
      .filter((html) => html.includes('xss-probe') || html.includes('__xss')),
    handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length,
  }));
  expect(found).toEqual({ flag: null, probes: [], handlers: 0 });
}

/** Each payload is on the page as the literal text that was written. */
async function expectShown(page: Page, wheres: readonly string[], make = hostile): Promise<void> {
  const text = await page.locator('#ui').innerText();
  for (const where of wheres) expect(text, `"${where}" as text`).toContain(make(where));
}

describe('Markup in texts stays text', { timeout: 240_000 }, () => {
  it('on the participant, Control, evaluator, big screen and replay screens, and in Control’s exercise list', async () => {
    const exercise = await importHostile();
    const { codes } = exercise;
    const control = await open(
      h,
      'control',
      `/control?code=${codes.control}&name=${encodeURIComponent(hostileName('control'))}&exercise=${exercise.id}`,
      '.control-main',
    );
    const alice = await open(
      h,
      'alice',
      `/join/${codes.organisations['bank-a']}?name=${encodeURIComponent(hostileName('alice'))}&exercise=${exercise.id}`,
      '.participant-main',
    );
    const bob = await open(
      h,
      'bob',
      `/join/${codes.organisations['bank-b']}?name=${encodeURIComponent(hostileName('bob'))}&exercise=${exercise.id}`,
      '.participant-main',
    );
    const erin = await open(
      h,
      'erin',
      `/evaluate/${codes.evaluator}?name=${encodeURIComponent(hostileName('erin'))}&exercise=${exercise.id}`,
      '.evaluator-main',
    );
    const wall = await open(h, 'wall', `/screen/${codes.screen}?exercise=${exercise.id}`, '.wall-main');

    // Control runs it: the public headline, then the private alert, then an ad-hoc inject to Bank B.
    await control.locator('[data-control=clock]', { hasText: 'Start exercise' }).click();
    await control.locator('[data-control=clock]', { hasText: 'Pause' }).waitFor(WAIT);
    await control.locator('[data-control=fire-next]').click();
    await control.locator('.timeline .delivered .timeline-row', { hasText: 'public-title' }).waitFor(WAIT);
    await control.locator('[data-control=fire-next]').click();
    await control.locator('.timeline .delivered .timeline-row', { hasText: 'inject-title' }).waitFor(WAIT);
    await control.locator('[data-tab=adhoc]').click();
    const adhoc = control.locator('form.adhoc');
    await adhoc.locator('input[data-recipient="bank-b"]').check();
    await adhoc.locator('input[name=title]').fill(hostile('adhoc-title'));
    await adhoc.locator('textarea[name=body]').fill(hostile('adhoc-body'));
    await adhoc.locator('button[type=submit]').click();
    await control.locator('.toast', { hasText: 'Ad-hoc inject delivered' }).waitFor(WAIT);

    // Alice reads and acknowledges the alert, writes in the log, messages Bank B and takes the decision.
    await alice.locator('.inbox-row', { hasText: 'inject-title' }).click();
    await alice.locator('.reader-title', { hasText: 'inject-title' }).waitFor(WAIT);
    await expectShown(alice, ['scenario-title', 'org-bank-a', 'public-title', 'inject-title', 'inject-body', 'persona', 'level-incident']);
    await expectShown(alice, ['alice'], hostileName);
    await alice.locator('.reader [data-action=acknowledge]').click();
    await alice.locator('[data-tab=log]').click();
    await alice.locator('textarea[name=log]').fill(hostile('log-entry'));
    await alice.locator('form.log-form button[type=submit]').click();
    await alice.locator('.log-entry', { hasText: 'log-entry' }).waitFor(WAIT);
    await alice.locator('[data-tab=compose]').click();
    const composer = alice.locator('form.composer');
    await composer.locator('input[data-recipient="bank-b"]').check();
    await composer.locator('input[name=subject]').fill(hostile('message-subject'));
    await composer.locator('textarea[name=body]').fill(hostile('message-body'));
    await composer.locator('button[type=submit]').click();
    await alice.locator('.toast', { hasText: 'Message sent' }).waitFor(WAIT);
    await alice.locator('[data-tab=decisions]').click();
    const decision = alice.locator('.decision', { hasText: 'action-label' });
    await expectShown(alice, ['action-label', 'action-description']);
    await decision.locator('button', { hasText: 'Take this decision' }).click();
    await decision.locator('textarea').fill(hostile('decision-report'));
    await decision.locator('button', { hasText: 'Confirm' }).click();
    await alice.locator('.toast', { hasText: 'Decision taken' }).waitFor(WAIT);
    await alice.locator('[data-tab=log]').click();
    await alice.locator('.log-entry', { hasText: 'decision-report' }).waitFor(WAIT);
    await expectShown(alice, ['log-entry', 'decision-report']);

    // Bob: the message from Alice (subject, body, her organisation's name) and Control's ad-hoc inject.
    await bob.locator('.inbox-row', { hasText: 'message-subject' }).click();
    await bob.locator('.reader', { hasText: 'message-body' }).waitFor(WAIT);
    await expectShown(bob, ['org-bank-b', 'org-bank-a', 'message-subject', 'message-body']);
    await bob.locator('.inbox-row', { hasText: 'adhoc-title' }).click();
    await bob.locator('.reader', { hasText: 'adhoc-body' }).waitFor(WAIT);
    await expectShown(bob, ['adhoc-title', 'adhoc-body']);

    // The evaluator records an observation about the alert; its choices are scenario texts too.
    await erin.locator('textarea[name=observation]').fill(hostile('observation'));
    await erin.locator('select[name=organisation]').selectOption('bank-a');
    await erin.locator('button', { hasText: 'Record observation' }).click();
    await erin.locator('.toast', { hasText: 'Observation recorded' }).waitFor(WAIT);
    await erin.locator('.activity-row', { hasText: 'message-subject' }).waitFor(WAIT);
    await expectShown(erin, ['scenario-title', 'objective', 'inject-title', 'message-subject', 'log-entry']);
    await expectShown(erin, ['erin'], hostileName);
    const options = await erin.locator('select option').allTextContents();
    expect(options).toEqual(expect.arrayContaining([hostile('org-bank-a'), hostile('objective'), hostile('inject-title')]));

    // Control: the timeline, the activity (messages, logs, decisions, the observation), the situation.
    await control.locator('[data-tab=activity]').click();
    await control.locator('.activity-row.kind-observation', { hasText: 'observation' }).waitFor(WAIT);
    await expectShown(control, [
      'scenario-title',
      'public-title',
      'inject-title',
      'adhoc-title',
      'message-subject',
      'log-entry',
      'decision-report',
      'observation',
      'indicator-public',
      'indicator-private',
      'phase',
    ]);
    await control.locator('[data-tab=simulated]').click();
    await expectShown(control, ['org-isp', 'sim-action']);
    await control.locator('[data-tab=seats]').click();
    await expectShown(control, ['org-bank-a', 'org-bank-b']);

    // The big screen: the public headline and indicator, the title and the escalation ladder.
    await wall
      .locator('.headline', { hasText: 'public-title' })
      .or(wall.locator('#ui', { hasText: 'public-title' }))
      .first()
      .waitFor(WAIT);
    await expectShown(wall, ['scenario-title', 'public-title', 'level-incident']);

    // Control's own start page lists the exercise under its (hostile) name.
    const setup = await h.open('setup', `/control#token=${ADMIN_TOKEN}`);
    await setup.locator('#ui', { hasText: 'exercise-name' }).waitFor(WAIT);
    await expectShown(setup, ['exercise-name']);

    // The replay, once Control has ended the exercise: the activity, a seat's inbox and the scrubber's captions.
    await control.locator('button', { hasText: 'End exercise' }).click();
    await control.locator('[data-control=confirm-end]').click();
    await erin.locator('[data-replay=open]').click();
    await erin.locator('.replay-main').waitFor(WAIT);
    await erin.locator('.activity-row', { hasText: 'observation' }).waitFor(WAIT);
    await expectShown(erin, ['scenario-title', 'inject-title', 'message-subject', 'log-entry', 'observation']);
    await erin.locator('select[data-replay=seat]').selectOption('bank-b');
    await erin.locator('.inbox-row', { hasText: 'adhoc-title' }).waitFor(WAIT);
    await expectShown(erin, ['adhoc-title', 'message-subject']);
    const seats = await erin.locator('select[data-replay=seat] option').allTextContents();
    expect(seats).toEqual(expect.arrayContaining([hostile('org-bank-a'), `${hostile('org-bank-a')} / ${hostile('seat-soc')}`]));

    for (const page of [control, alice, bob, erin, wall, setup]) await expectInert(page);
    expect(probeRequests).toEqual([]);
  });
});
