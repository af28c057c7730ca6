import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './support/browserHarness.ts';
import { createExercise, fireNext, inboxRow, joinAs, openControl, sendAdhoc, startClock } from './support/exerciseSteps.ts';

/**
 * Issue 6, the replay screen: once an exercise has ended, an evaluator (and Control) open its replay from their
 * screen, scrub through its events and look through any seat's eyes. The board (canvas, and its caption in words)
 * and the seat's inbox change with the moment; an organisation's view holds only what the server let it see.
 */
const h = useBrowserHarness('replay');
const WAIT = { timeout: 30_000 };

/** The board's pixels: the Phaser canvas under the board slot. */
async function boardPixels(page: Page): Promise<Buffer> {
  const box = await page.locator('.replay-main .board-slot').boundingBox();
  if (!box) throw new Error('no board slot on the replay screen');
  return page.screenshot({ clip: box, animations: 'disabled' });
}

/**
 * The share of pixels that differ clearly between two screenshots of the board, decoded in the page. The board
 * never stands quite still (the escalation core's sweep turns), so "the board changed" means: far more than
 * between two shots of the same moment.
 */
async function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const pixels = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [x, y] = await Promise.all([pixels(first), pixels(second)]);
      if (x.length !== y.length) return 1;
      let changed = 0;
      for (let i = 0; i < x.length; i += 4) {
        if (Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!) > 60) changed++;
      }
      return changed / (x.length / 4);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

/** Waits until the replay shows event `seq` (the slider and the caption follow the fetched moment). */
async function atEvent(page: Page, seq: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector<HTMLInputElement>('[data-replay=range]')?.value === String(n) && location.search.includes(`seq=${n}`),
    seq,
    WAIT,
  );
}

describe('Replay screen', { timeout: 180_000 }, () => {
  it('lets an evaluator scrub through a finished exercise and see the board and each organisation’s view as it was', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    const alice = await joinAs(h, 'Alice', 'bank-a', exercise);
    const erin = await h.open('erin', `/evaluate/${exercise.codes.evaluator}?name=Erin&exercise=${exercise.id}`);
    await erin.locator('.evaluator-main').waitFor(WAIT);
    await expect(erin.locator('[data-replay=open]').isHidden()).resolves.toBe(true); // not before the end

    // A short exercise: Bank A's SOC alert, acknowledged and reported (escalation up), a private ad-hoc to Bank B.
    await startClock(control);
    await fireNext(control, 'Traffic spike');
    await (await inboxRow(alice, 'Traffic spike')).click();
    await alice.locator('.reader [data-action=acknowledge]').click();
    await alice.locator('[data-tab=decisions]').click();
    const decision = alice.locator('.decision', { hasText: 'Report to NCSC' });
    await decision.locator('button', { hasText: 'Take this decision' }).click();
    await decision.locator('button', { hasText: 'Confirm' }).click();
    await alice.locator('.toast', { hasText: 'Decision taken' }).waitFor(WAIT);
    await sendAdhoc(control, ['bank-b'], 'Branch network down', 'All branches of Bank B are offline.');
    await control.locator('button', { hasText: 'End exercise' }).click();
    await control.locator('[data-control=confirm-end]').click();
    await control.locator('[data-replay=open]').waitFor(WAIT); // Control reaches the replay too

    // The evaluator opens the replay from their screen; it starts at the end, seen by Control (everything).
    await erin.locator('[data-replay=open]').click();
    await erin.waitForURL(/\/replay\//, WAIT);
    await erin.locator('.replay-main').waitFor(WAIT);
    const last = Number(await erin.locator('[data-replay=range]').getAttribute('max'));
    expect(last).toBeGreaterThan(4);
    await atEvent(erin, last);
    await erin.locator('.activity-row', { hasText: 'Branch network down' }).waitFor(WAIT);
    await erin.locator('.activity-row.kind-inject', { hasText: 'Traffic spike' }).waitFor(WAIT);
    await erin.locator('[data-replay=situation]', { hasText: 'Large-scale ICT incident' }).waitFor(WAIT);

    // Through Bank A's eyes: its own alert, never Bank B's private inject.
    await erin.locator('select[data-replay=seat]').selectOption('bank-a');
    await inboxRow(erin, 'Traffic spike');
    await erin.locator('.inbox-row .inbox-ack').waitFor(WAIT); // acknowledged, as its desk was at the end
    await expect(erin.locator('.inbox-row', { hasText: 'Branch network down' }).count()).resolves.toBe(0);
    await expect(erin.locator('#ui').innerText()).resolves.not.toContain('Branch network down');
    await erin.waitForTimeout(500); // the board settles
    const endBoard = await boardPixels(erin);
    await erin.waitForTimeout(700);
    const noise = await changedShare(erin, endBoard, await boardPixels(erin));

    // To the start: nothing has happened yet, and the board shows normal operations.
    await erin.locator('[data-replay=start]').click();
    await atEvent(erin, 0);
    await erin.locator('[data-replay=position]', { hasText: 'Before the first event' }).waitFor(WAIT);
    await erin.locator('.inbox .empty').waitFor({ state: 'visible', ...WAIT });
    await erin.locator('[data-replay=situation]', { hasText: 'Normal operations' }).waitFor(WAIT);
    await erin.waitForTimeout(500);
    const change = await changedShare(erin, endBoard, await boardPixels(erin));
    expect(change, `share of board pixels changed: ${change}, between two shots of one moment: ${noise}`).toBeGreaterThan(
      Math.max(0.005, 3 * noise),
    );

    // Step forward one event at a time until the alert arrives: the caption names the delivery.
    let seq = 0;
    while ((await erin.locator('.inbox-row', { hasText: 'Traffic spike' }).count()) === 0) {
      expect(seq, 'the alert never arrived while stepping').toBeLessThan(last);
      await erin.locator('[data-replay=next]').click();
      await atEvent(erin, ++seq);
    }
    await expect(erin.locator('[data-replay=caption]').innerText()).resolves.toContain('delivered: Traffic spike');
    await expect(erin.locator('.inbox-row .inbox-ack').count()).resolves.toBe(0); // not acknowledged yet then

    // The address keeps the seat and the moment: a reload comes back to the same view.
    await erin.reload();
    await erin.locator('.replay-main').waitFor(WAIT);
    await atEvent(erin, seq);
    await expect(erin.locator('select[data-replay=seat]').inputValue()).resolves.toBe('bank-a');
    await inboxRow(erin, 'Traffic spike');
  });
});
