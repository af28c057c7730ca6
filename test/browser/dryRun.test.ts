import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/app/logger.ts';
import { startPreview } from '../../server/preview/startPreview.ts';
import { useBrowserHarness } from './support/browserHarness.ts';
import { CLIENT_DIST, ROOT } from './support/buildClient.ts';
import { startClock, waitOrExplain } from './support/exerciseSteps.ts';
import { ADMIN_TOKEN } from './support/testServer.ts';

const h = useBrowserHarness('dryRun');
const WAIT = { timeout: 30_000 };

describe('Dry-run from Control', { timeout: 120_000 }, () => {
  it('starts a dry-run, switches between organisations’ views and sees injects arrive in each', async () => {
    const page = await h.open('control', `/control#token=${ADMIN_TOKEN}`);
    await page.locator('.scenario-card', { hasText: 'Two banks under DDoS' }).waitFor(WAIT);
    await page.fill('input[name=control-name]', 'Eve');
    await page.locator('input[name=dry-run]').check();
    await page.locator('select[name=dry-run-policy]').selectOption('expected');
    await page.locator('button[type=submit]', { hasText: 'Create exercise' }).click();
    await page.locator('.control-main').waitFor(WAIT);
    await expect(page.locator('.dry-run-note').innerText()).resolves.toMatch(/automatic players \(Expected.*seed 1\)/);

    await page.locator('[data-tab=views]').click();
    const views = page.locator('.seat-viewer');
    await views.locator('[data-organisation="bank-a"]').click();
    await views.locator('.seat-view-status', { hasText: 'Watching Bank A' }).waitFor(WAIT);
    await expect(views.locator('.seat-view-row').count()).resolves.toBe(0);

    await startClock(page);
    await page.locator('.speed-picker [data-speed="600"]').click();
    // T+00:10 at 600×: about a second. Then the automatic player of Bank A reports to NCSC (T+00:13).
    await waitOrExplain(page, views.locator('.seat-view-row', { hasText: 'Traffic spike' }));
    await expect(views.locator('.seat-view-row', { hasText: 'Traffic spike' }).locator('.seat-view-time').innerText()).resolves.toBe(
      'T+00:10',
    );
    await waitOrExplain(page, views.locator('.seat-view-row', { hasText: 'Report to NCSC' }));
    await views.locator('.seat-view-row', { hasText: 'Traffic spike' }).click();
    await views.locator('.seat-view-body', { hasText: '40 Gbit/s towards the login page.' }).waitFor(WAIT);

    // Bank B's view: its own TLP:RED call arrives; Bank A's private alert is not in it, since the server never sent it.
    await views.locator('[data-organisation="bank-b"]').click();
    await views.locator('.seat-view-status', { hasText: 'Watching Bank B' }).waitFor(WAIT);
    await waitOrExplain(page, views.locator('.seat-view-row', { hasText: 'Secret call' }));
    await waitOrExplain(page, views.locator('.seat-view-row', { hasText: 'Banks slow' }));
    await expect(views.locator('.seat-view-row', { hasText: 'Traffic spike' }).count()).resolves.toBe(0);
    await expect(views.locator('[data-organisation="bank-a"]').getAttribute('aria-pressed')).resolves.toBe('false');
  });

  it('lists a dry-run as such, and opens it straight from the link `simcell preview` prints', async () => {
    const response = await fetch(`${h.server.url}/api/exercises`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'two-banks', name: 'Author check', dryRun: { policy: 'random', seed: 9 } }),
    });
    const created = (await response.json()) as { id: string };
    const setup = await h.open('setup', `/control#token=${ADMIN_TOKEN}`);
    const row = setup.locator('.exercise-row', { hasText: 'Author check' });
    await row.locator('.dry-run-pill', { hasText: 'Dry-run' }).waitFor(WAIT);

    const page = await h.open('control', `/control?exercise=${created.id}#token=${ADMIN_TOKEN}`);
    await page.locator('input[name=name]').fill('Ada'); // a fresh browser: the join form asks for a name
    await page.locator('.join-form button[type=submit]').click();
    await page.locator('.control-main').waitFor(WAIT);
    await expect(page.locator('.dry-run-note').innerText()).resolves.toMatch(/Random.*seed 9/);
  });

  it('shows a scenario file’s problems on the Control screen of `simcell preview` while it is broken, and clears them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simcell-preview-browser-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'simcell-preview-data-'));
    const fixture = join(ROOT, 'test/fixtures/two-banks.yaml');
    copyFileSync(fixture, join(dir, 'two-banks.yaml'));
    const result = await startPreview({
      file: join(dir, 'two-banks.yaml'),
      dryRun: { policy: 'expected', seed: 1 },
      speed: 60,
      config: { port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN_TOKEN, logLevel: 'error', scenariosDir: dir },
      logger: createLogger('error'),
      clientDir: CLIENT_DIST,
    });
    if (!result.ok) throw new Error('the fixture does not validate');
    const page = await h.open('author', '/');
    try {
      await page.goto(result.preview.controlUrl);
      await page.locator('input[name=name]').fill('Ada');
      await page.locator('.join-form button[type=submit]').click();
      await page.locator('.control-main').waitFor(WAIT);
      const problems = page.locator('.scenario-problems');
      await expect(problems.isHidden()).resolves.toBe(true);

      const text = readFileSync(fixture, 'utf8');
      const line = text.split('\n').findIndex((l) => l.includes('channel: news')) + 1;
      writeFileSync(join(dir, 'two-banks.yaml'), text.replace('channel: news', 'channel: newz'));
      await problems.locator('.problem-where', { hasText: `two-banks.yaml:${line}:14` }).waitFor(WAIT);
      await expect(problems.locator('.problem').innerText()).resolves.toMatch(/"newz" \(did you mean "news"\?\)/);

      writeFileSync(join(dir, 'two-banks.yaml'), text);
      await problems.waitFor({ state: 'hidden', ...WAIT });
    } finally {
      await page.close(); // before its server goes, or it would report the refused reconnections
      await result.preview.close();
    }
  });
});
