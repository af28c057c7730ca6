import { describe, it } from 'vitest';
import { useBrowserHarness } from './support/browserHarness.ts';
import { createExercise, joinAs, openControl, startClock, waitOrExplain } from './support/exerciseSteps.ts';

const h = useBrowserHarness('debrief');

describe('The debrief on screen', { timeout: 120_000 }, () => {
  it('an evaluator’s rating reaches Control’s debrief; Control plans an improvement; participants answer the hot wash at the end [V1–V3, V5]', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    const alice = await joinAs(h, 'Alice', 'bank-a', exercise);
    const erin = await h.open('erin', `/evaluate/${exercise.codes.evaluator}?name=Erin&exercise=${exercise.id}`);
    await erin.locator('.evaluator-main').waitFor();
    await startClock(control);

    await erin.locator('[data-tab=rate]').click();
    const rating = erin.locator('form.rating-form');
    await rating.locator('select[name=objective]').selectOption('early-warning');
    await rating.locator('.rating-choice', { hasText: 'Performed with some challenges' }).click();
    await rating.locator('textarea[name=strengths]').fill('The first call came fast.');
    await rating.locator('button[type=submit]').click();
    await waitOrExplain(erin, erin.locator('.toast', { hasText: 'Rating saved' }));

    await control.locator('[data-tab=debrief]').click();
    await waitOrExplain(
      control,
      control.locator('.debrief-rating', { hasText: 'Banks warn NCSC early' }).locator('.rating-badge.rating-S'),
    );
    const plan = control.locator('form.plan-add');
    await plan.locator('input[name=issue]').fill('IoCs shared as screenshots');
    await plan.locator('input[name=action]').fill('Agree on a machine-readable feed');
    await plan.locator('select[name=organisation]').selectOption('bank-a');
    await plan.locator('input[name=due]').fill('2027-03-01');
    await plan.locator('button[type=submit]').click();
    await waitOrExplain(control, control.locator('.plan-table tr', { hasText: 'IoCs shared as screenshots' }));

    // The hot wash is closed while the exercise runs and opens at the end.
    await alice.locator('[data-tab=hotwash]').click();
    await alice.locator('.hotwash', { hasText: 'opens when the exercise ends' }).waitFor();
    await control.locator('button', { hasText: 'End exercise' }).click();
    await control.locator('[data-control=confirm-end]').click();
    const hotwash = alice.locator('form.hotwash-form');
    await hotwash.waitFor({ state: 'visible', timeout: 30_000 });
    await hotwash.locator('textarea[name=wentWell]').fill('The call tree worked.');
    await hotwash.locator('button[type=submit]').click();
    await waitOrExplain(alice, alice.locator('.hotwash', { hasText: 'reached the exercise team' }));
    await waitOrExplain(control, control.locator('.debrief', { hasText: 'Hot-wash answers received: 1' }));
  });
});
