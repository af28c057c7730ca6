import { describe, expect, it } from 'vitest';
import { FULL_HD, useBrowserHarness } from './support/browserHarness.ts';
import { ADMIN_TOKEN } from './support/testServer.ts';

const h = useBrowserHarness('control');

describe('Control screen', { timeout: 120_000 }, () => {
  it('creates an exercise from the scenario library, shows the join codes and starts it', async () => {
    const page = await h.open('control', `/control#token=${ADMIN_TOKEN}`);
    await page.locator('.scenario-card', { hasText: 'Two banks under DDoS' }).waitFor();
    // The token leaves the address bar at once; it is kept for this tab only.
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    await page.fill('input[name=control-name]', 'Eve');
    await page.locator('button[type=submit]', { hasText: 'Create exercise' }).click();

    await page.locator('.control-main').waitFor();
    expect(new URL(page.url()).pathname).toBe('/control');
    // Every played organisation has a code and a link; the class and the big screen too.
    for (const seat of ['Class', 'Big screen', 'NCSC', 'Bank A', 'Bank B']) {
      await expect(page.locator('.seat-row', { hasText: seat }).first().locator('.seat-code').innerText()).resolves.toMatch(
        /^[A-Z2-9]{5}-[A-Z2-9]{5}$/,
      );
    }
    const screenLink = await page.locator('.seat-row', { hasText: 'Big screen' }).locator('a.seat-code').getAttribute('href');
    expect(screenLink).toMatch(/\/screen\/[A-Z2-9-]+\?exercise=/);

    await page.locator('[data-control=clock]', { hasText: 'Start exercise' }).click();
    await page.locator('.clock[data-status=running]').waitFor();
    await page.locator('[data-control=clock]', { hasText: 'Pause' }).waitFor();
    await page.locator('.speed-picker [data-speed="600"]').click();
    await page.locator('.speed-picker [data-speed="600"][aria-pressed=true]').waitFor();
    // At 600×, the first inject (T+00:10) is delivered within a couple of seconds and shows on the timeline.
    await page.locator('.timeline .delivered .timeline-row', { hasText: 'Traffic spike' }).waitFor({ timeout: 15_000 });
  });

  it('shows a QR code for the class on a 1920×1080 projector', async () => {
    const page = await h.open('control', `/control#token=${ADMIN_TOKEN}`, FULL_HD);
    await page.locator('.scenario-card').first().waitFor();
    await page.fill('input[name=control-name]', 'Eve');
    await page.locator('button[type=submit]').click();
    await page.locator('.seat-row', { hasText: 'Class' }).locator('button', { hasText: 'QR' }).click();
    const dialog = page.locator('dialog.qr-dialog[open]');
    await dialog.locator('canvas.qr').waitFor();
    await expect(dialog.locator('.qr-link').innerText()).resolves.toMatch(/\/join\/[A-Z2-9-]+\?exercise=/);
  });
});
