import { describe, expect, it } from 'vitest';
import { FULL_HD, useBrowserHarness } from './support/browserHarness.ts';
import { createExercise, fireNext, inboxRow, joinAs, openControl, sendAdhoc, startClock } from './support/exerciseSteps.ts';

const h = useBrowserHarness('participant');

describe('Participant screen', { timeout: 120_000 }, () => {
  it('shows each organisation its own injects and never the other organisation’s', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    const alice = await joinAs(h, 'Alice', 'bank-a', exercise);
    const bob = await joinAs(h, 'Bob', 'bank-b', exercise, FULL_HD);
    await startClock(control);

    await fireNext(control, 'Traffic spike'); // TLP:AMBER, to Bank A's SOC only
    await sendAdhoc(control, ['bank-b'], 'Branch network down', 'All branches of Bank B are offline.');

    await inboxRow(alice, 'Traffic spike');
    await inboxRow(bob, 'Branch network down');
    await expect(alice.locator('.inbox-row', { hasText: 'Branch network down' }).count()).resolves.toBe(0);
    await expect(bob.locator('.inbox-row', { hasText: 'Traffic spike' }).count()).resolves.toBe(0);
    await expect(alice.locator('#ui').innerText()).resolves.not.toContain('Branch network down');
    await expect(bob.locator('#ui').innerText()).resolves.not.toContain('Traffic spike');

    // Reading: the reader shows sender, channel and the TLP label in its official colour.
    await (await inboxRow(alice, 'Traffic spike')).click();
    const reader = alice.locator('.reader');
    await reader.locator('.reader-title', { hasText: 'Traffic spike' }).waitFor();
    const badge = reader.locator('.tlp', { hasText: 'TLP:AMBER' }).first();
    await expect(badge.evaluate((el) => getComputedStyle(el).color)).resolves.toBe('rgb(255, 192, 0)');
    await expect(badge.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(0, 0, 0)');
  });

  it('lets a participant work the inbox and take a decision from the keyboard, and Control sees it', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    const alice = await joinAs(h, 'Alice', 'bank-a', exercise);
    await startClock(control);
    await fireNext(control, 'Traffic spike');
    await inboxRow(alice, 'Traffic spike');

    // The inbox is a listbox: arrow keys open, A acknowledges.
    await alice.locator('.inbox-list').focus();
    await alice.keyboard.press('ArrowDown');
    await alice.locator('.reader-title', { hasText: 'Traffic spike' }).waitFor();
    await alice.keyboard.press('a');
    await alice.locator('.reader [data-action=acknowledge]', { hasText: 'Acknowledged' }).waitFor();
    await control.locator('.timeline .ack-chip.done', { hasText: 'Bank A' }).waitFor();

    // Decisions tab, reached with the keyboard: Tab to the tabs, arrow right, Enter on the decision.
    await alice.locator('[data-tab=read]').focus();
    await alice.keyboard.press('ArrowRight');
    const decision = alice.locator('.decision', { hasText: 'Report to NCSC' });
    await decision.waitFor();
    await decision.locator('button', { hasText: 'Take this decision' }).focus();
    await alice.keyboard.press('Enter');
    await alice.keyboard.press('Enter'); // the confirm button has the focus now
    await alice.locator('.toast', { hasText: 'Decision taken: Report to NCSC' }).waitFor();

    // Control sees the decision in the activity feed, and the exercise moves on (phase, escalation).
    await control.locator('[data-tab=activity]').click();
    await control.locator('.activity-row.kind-action', { hasText: 'Report to NCSC' }).waitFor();
    await expect(control.locator('.activity-row.kind-action', { hasText: 'Report to NCSC' }).innerText()).resolves.toContain('Alice');
    await control.locator('.topbar .escalation-label', { hasText: 'Large-scale ICT incident' }).waitFor();
    await alice.locator('.topbar .escalation-label', { hasText: 'Large-scale ICT incident' }).waitFor();
  });

  it('brings a dropped participant back to their seat after a reload', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    const alice = await joinAs(h, 'Alice', 'bank-a', exercise);
    await startClock(control);
    await fireNext(control, 'Traffic spike');
    await (await inboxRow(alice, 'Traffic spike')).click();
    await alice.locator('.reader [data-action=acknowledge]').click();
    await alice.locator('.inbox-row .inbox-ack').waitFor();

    await alice.reload();
    await alice.locator('.participant-main').waitFor();
    await expect(alice.locator('.topbar-identity').innerText()).resolves.toContain('Bank A');
    await expect(alice.locator('.topbar-identity').innerText()).resolves.toContain('Alice');
    const row = await inboxRow(alice, 'Traffic spike');
    await row.locator('.inbox-ack').waitFor(); // still acknowledged: the server kept it
    await expect(row.getAttribute('class')).resolves.not.toContain('unread'); // still read: this browser kept it
    await control.locator('.seat-row', { hasText: 'Bank A' }).locator('.online-count.on', { hasText: '1 online' }).waitFor();
  });
});
