import { describe, expect, it } from 'vitest';
import { FULL_HD, useBrowserHarness } from './support/browserHarness.ts';
import { createExercise, fireNext, inboxRow, joinAs, openControl, sendAdhoc, startClock } from './support/exerciseSteps.ts';

const h = useBrowserHarness('screen');

describe('Big screen', { timeout: 120_000 }, () => {
  it('shows the clock, the escalation and public headlines, and no private inject', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    const wall = await h.open('wall', `/screen/${exercise.codes.screen}?exercise=${exercise.id}`, FULL_HD);
    await wall.locator('.wall-main').waitFor();
    const bob = await joinAs(h, 'Bob', 'bank-b', exercise);
    await startClock(control);

    await fireNext(control, 'Traffic spike'); // TLP:AMBER, Bank A only
    await fireNext(control, 'Please filter'); // e-mail to the ISP
    await fireNext(control, 'Banks slow'); // news, TLP:CLEAR, to everyone: public
    await sendAdhoc(control, ['bank-b'], 'Confidential: insider suspected', 'Keep this within Bank B.');
    await inboxRow(bob, 'Confidential: insider suspected');

    await wall.locator('.headline', { hasText: 'Banks slow' }).waitFor();
    await wall.locator('.wall-screen .clock[data-status=running]').waitFor();
    await expect(wall.locator('.wall-screen .escalation-label').innerText()).resolves.toBe('Incident');
    const text = await wall.locator('#ui').innerText();
    expect(text).not.toContain('Traffic spike');
    expect(text).not.toContain('Confidential: insider suspected');
    expect(text).not.toContain('TLP:AMBER');
  });
});
