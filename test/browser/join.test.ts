import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './support/browserHarness.ts';
import { createExercise } from './support/exerciseSteps.ts';

const h = useBrowserHarness('join');

describe('Join screen', { timeout: 120_000 }, () => {
  it('asks for a name when a join link has none, in Dutch when chosen, and opens the participant’s desk', async () => {
    const exercise = await createExercise(h);
    const page = await h.open('student', `/join/${exercise.codes.class}?exercise=${exercise.id}`);
    await page.locator('.join-card').waitFor();
    await page.locator('.language-switch button', { hasText: 'Nederlands' }).click();
    await page.locator('.join-title', { hasText: 'Deelnemen aan een oefening' }).waitFor();
    await expect(page.locator('input[name=code]').inputValue()).resolves.toBe(exercise.codes.class);
    await page.fill('input[name=name]', 'Sam');
    await page.locator('button[type=submit]').click();
    await page.locator('.participant-main').waitFor();
    // The class code placed Sam at a played organisation; the desk speaks Dutch.
    await page.locator('[data-tab=decisions]', { hasText: 'Besluiten' }).waitFor();
    expect(new URL(page.url()).searchParams.get('name')).toBe('Sam');
  });
});
