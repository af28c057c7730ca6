import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/headlessChromium.ts';
import { ServerProcess } from '../support/serverProcess.ts';
import { SCREENSHOTS } from './support/browserHarness.ts';
import { ensureClientBuilt, ROOT } from './support/buildClient.ts';
import type { JoinCodes } from './support/testServer.ts';

/**
 * Issue 5: a browser comes back by itself after the server process restarts. A real SimCell process (serving
 * the built client) is killed with SIGKILL and started again on the same port and data directory. The SDK's
 * reconnection token means nothing to the new process, so the client must join again with its code and name:
 * the banner says it is reconnecting meanwhile, then the participant is back in the same seat, with the same
 * history (once, not twice), and the link is live again (an inject sent after the restart arrives; a decision
 * taken after it reaches Control under the participant's name).
 *
 * The browser harness runs its server in-process, which cannot be killed; this file drives its own process on
 * PORT (a fixed port: the page must find the server again where it was).
 */
const PORT = 2789;
const WAIT = { timeout: 30_000 };

let server: ServerProcess;
let browser: Browser;
let dataDir: string;
const contexts: { name: string; context: BrowserContext; page: Page }[] = [];
/** Uncaught errors on a page fail the test. (Console errors do not: a dead server makes the browser log them.) */
const pageErrors: string[] = [];

beforeAll(async () => {
  const clientDir = await ensureClientBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'simcell-rejoin-'));
  server = await ServerProcess.start({ port: PORT, dataDir, clientDir, scenariosDir: join(ROOT, 'test/fixtures') });
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);

afterEach(async () => {
  for (const { name, context, page } of contexts.splice(0)) {
    await page.screenshot({ path: join(SCREENSHOTS, `rejoin--${name}.png`) }).catch(() => undefined);
    await context.close().catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(name: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`[${name}] ${error.message}`));
  contexts.push({ name, context, page });
  await page.goto(`${server.http}${path}`);
  return page;
}

async function createExercise(): Promise<{ id: string; codes: JoinCodes }> {
  const created = await server.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', speed: 1 } });
  expect(created.status).toBe(201);
  const body = created.body as { roomId: string; codes: JoinCodes };
  return { id: body.roomId, codes: body.codes };
}

describe('Rejoin after a server restart', { timeout: 180_000 }, () => {
  it('brings Control and a participant back to their seats with their history, showing the banner meanwhile', async () => {
    const exercise = await createExercise();
    const control = await open('control', `/control?code=${exercise.codes.control}&name=Eve&exercise=${exercise.id}`);
    await control.locator('.control-main').waitFor(WAIT);
    const alice = await open('alice', `/join/${exercise.codes.organisations['bank-a']}?name=Alice&exercise=${exercise.id}`);
    await alice.locator('.participant-main').waitFor(WAIT);

    // Some history: an inject Alice acknowledged, and an entry in her organisation's log.
    await control.locator('[data-control=clock]', { hasText: 'Start exercise' }).click();
    await control.locator('[data-control=clock]', { hasText: 'Pause' }).waitFor(WAIT);
    await control.locator('[data-control=fire-next]').click();
    const spike = alice.locator('.inbox-row', { hasText: 'Traffic spike' });
    await spike.waitFor(WAIT);
    await spike.click();
    await alice.locator('.reader [data-action=acknowledge]').click();
    await alice.locator('.inbox-row .inbox-ack').waitFor(WAIT);
    await alice.locator('[data-tab=log]').click();
    await alice.locator('textarea[name=log]').fill('Called our ISP before the outage');
    await alice.locator('form.log-form button[type=submit]').click();
    await alice.locator('.log-entry', { hasText: 'Called our ISP before the outage' }).waitFor(WAIT);
    const aliceAddress = alice.url();

    await server.kill('SIGKILL');
    for (const page of [alice, control]) {
      const banner = page.locator('.connection-banner');
      await banner.waitFor({ state: 'visible', ...WAIT });
      await expect(banner.getAttribute('data-status')).resolves.toBe('reconnecting');
      await expect(banner.innerText()).resolves.toContain('Reconnecting');
    }
    // Down long enough for the SDK's own reconnection attempts to fail against a dead port.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await expect(alice.locator('.connection-banner').getAttribute('data-status')).resolves.toBe('reconnecting');

    await server.restart();
    for (const page of [alice, control]) await page.locator('.connection-banner').waitFor({ state: 'hidden', ...WAIT });
    await expect(alice.locator('.connection-banner').getAttribute('data-status')).resolves.toBe('online');

    // Alice: same seat, same history, nothing twice, and her acknowledgement as the restored state has it.
    await expect(alice.locator('.topbar-identity').innerText()).resolves.toMatch(/Bank A[\s\S]*Alice/);
    await expect(alice.locator('.inbox-row', { hasText: 'Traffic spike' }).count()).resolves.toBe(1);
    await expect(alice.locator('.inbox-row', { hasText: 'Traffic spike' }).locator('.inbox-ack').count()).resolves.toBe(1);
    await alice.locator('[data-tab=log]').click();
    await expect(alice.locator('.log-entry', { hasText: 'Called our ISP before the outage' }).count()).resolves.toBe(1);
    expect(alice.url()).toBe(aliceAddress);

    // Control: the restored exercise waits, paused, with the notice; resuming works over the new link.
    await control.locator('.notice', { hasText: 'Restored after a server restart' }).waitFor(WAIT);
    await control.locator('[data-control=clock]', { hasText: 'Resume' }).click();
    await control.locator('[data-control=clock]', { hasText: 'Pause' }).waitFor(WAIT);

    // The links are live: an ad-hoc inject reaches Alice, and her decision reaches Control under her name.
    await control.locator('[data-tab=adhoc]').click();
    const form = control.locator('form.adhoc');
    await form.locator('input[data-recipient="bank-a"]').check();
    await form.locator('input[name=title]').fill('After the restart');
    await form.locator('textarea[name=body]').fill('The exercise goes on.');
    await form.locator('button[type=submit]').click();
    await alice.locator('.inbox-row', { hasText: 'After the restart' }).waitFor(WAIT);
    await alice.locator('[data-tab=decisions]').click();
    const decision = alice.locator('.decision', { hasText: 'Report to NCSC' });
    await decision.locator('button', { hasText: 'Take this decision' }).click();
    await decision.locator('button', { hasText: 'Confirm' }).click();
    await alice.locator('.toast', { hasText: 'Decision taken: Report to NCSC' }).waitFor(WAIT);
    await control.locator('[data-tab=activity]').click();
    const row = control.locator('.activity-row.kind-action', { hasText: 'Report to NCSC' });
    await row.waitFor(WAIT);
    await expect(row.innerText()).resolves.toContain('Alice');

    // The restored room knows one Alice: the rejoin was the same participant, not a second one.
    const events = (await server.api(`/api/exercises/${exercise.id}/events`)).body as { type: string; actor: { name: string } }[];
    const aliceActs = events.filter((e) => e.actor.name === 'Alice').map((e) => e.type);
    expect(aliceActs).toEqual(['inject.acknowledged', 'log.written', 'action.taken']);
    expect(pageErrors).toEqual([]);
  });
});
