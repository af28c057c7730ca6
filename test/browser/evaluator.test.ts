import { describe, it } from 'vitest';
import { useBrowserHarness } from './support/browserHarness.ts';
import { createExercise, fireNext, joinAs, openControl, startClock } from './support/exerciseSteps.ts';

const h = useBrowserHarness('evaluator');

describe('Evaluator screen', { timeout: 120_000 }, () => {
  it('shows every organisation’s activity and the objectives, and records an observation that Control sees', async () => {
    const exercise = await createExercise(h);
    const control = await openControl(h, exercise);
    await joinAs(h, 'Alice', 'bank-a', exercise);
    const erin = await h.open('erin', `/evaluate/${exercise.codes.evaluator}?name=Erin&exercise=${exercise.id}`);
    await erin.locator('.evaluator-main').waitFor();
    await startClock(control);
    await fireNext(control, 'Traffic spike');

    await erin.locator('.activity-row.kind-inject', { hasText: 'Traffic spike' }).waitFor();
    await erin.locator('.objective', { hasText: 'Banks warn NCSC early' }).locator('.status-pill.status-pending').waitFor();

    await erin.locator('textarea[name=observation]').fill('Bank A’s SOC saw the spike but did not call NCSC yet.');
    await erin.locator('select[name=organisation]').selectOption('bank-a');
    await erin.locator('button', { hasText: 'Record observation' }).click();
    await erin.locator('.toast', { hasText: 'Observation recorded' }).waitFor();
    await control.locator('[data-tab=activity]').click();
    await control.locator('.activity-row.kind-observation', { hasText: 'did not call NCSC yet' }).waitFor();
  });
});
