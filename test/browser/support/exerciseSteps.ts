import type { Locator, Page } from 'playwright-core';
import type { Harness, Viewport } from './browserHarness.ts';
import type { JoinCodes } from './testServer.ts';

export interface Exercise {
  readonly id: string;
  readonly codes: JoinCodes;
}

const WAIT = { timeout: 30_000 };

/** An exercise made through the HTTP API (Control's own creation flow is tested in control.test.ts). */
export async function createExercise(h: Harness, speed = 1): Promise<Exercise> {
  const created = await h.server.createExercise('two-banks', speed);
  return { id: created.roomId, codes: created.codes };
}

/** Control's screen for an existing exercise, by its control code. */
export async function openControl(h: Harness, exercise: Exercise, viewport?: Viewport): Promise<Page> {
  const page = await h.open('control', `/control?code=${exercise.codes.control}&name=Eve&exercise=${exercise.id}`, viewport);
  await page.locator('.control-main').waitFor(WAIT);
  return page;
}

/** A participant following their organisation's join link. */
export async function joinAs(h: Harness, name: string, organisation: string, exercise: Exercise, viewport?: Viewport): Promise<Page> {
  const page = await h.open(
    name.toLowerCase(),
    `/join/${exercise.codes.organisations[organisation]}?name=${name}&exercise=${exercise.id}`,
    viewport,
  );
  await page.locator('.participant-main').waitFor(WAIT);
  return page;
}

/** Waits for `locator`; when it does not come, the error says what the page's notices said. */
export async function waitOrExplain(page: Page, locator: Locator): Promise<void> {
  try {
    await locator.waitFor(WAIT);
  } catch (error) {
    const notices = await page
      .locator('.toasts')
      .innerText()
      .catch(() => '');
    throw new Error(`${(error as Error).message}\nnotices on the page: ${notices || '(none)'}`, { cause: error });
  }
}

export async function startClock(control: Page): Promise<void> {
  await control.locator('[data-control=clock]', { hasText: 'Start exercise' }).click();
  await waitOrExplain(control, control.locator('[data-control=clock]', { hasText: 'Pause' }));
}

/** Control fires the next scheduled inject and waits until the timeline shows it delivered. */
export async function fireNext(control: Page, title: string): Promise<void> {
  await control.locator('[data-control=fire-next]').click();
  await waitOrExplain(control, control.locator('.timeline .delivered .timeline-row', { hasText: title }));
}

/** Waits until a row with this text is in the inbox. */
export async function inboxRow(page: Page, text: string) {
  const row = page.locator('.inbox-row', { hasText: text });
  await row.waitFor(WAIT);
  return row;
}

/** Control writes an ad-hoc inject to the given organisations and delivers it. */
export async function sendAdhoc(control: Page, to: readonly string[], title: string, body: string): Promise<void> {
  await control.locator('[data-tab=adhoc]').click();
  const form = control.locator('form.adhoc');
  for (const org of to) await form.locator(`input[data-recipient="${org}"]`).check();
  await form.locator('input[name=title]').fill(title);
  await form.locator('textarea[name=body]').fill(body);
  await form.locator('button[type=submit]').click();
  await control.locator('.toast', { hasText: 'Ad-hoc inject delivered' }).waitFor(WAIT);
}
