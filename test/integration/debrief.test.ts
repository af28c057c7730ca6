import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2718);
});
afterAll(() => t.close());

describe('the debrief over the room protocol', () => {
  it('evaluators rate objectives P/S/M/U; unknown objectives and other seats are refused [V1]', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const eva = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.evaluator, name: 'Eva' });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const rating = { objective: 'early-warning', rating: 'S', strengths: 'Fast first call', improvements: 'Share IoCs sooner' };

    expect(await eva.intent('objective.rate', { ...rating, objective: 'early-warnings' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_OBJECTIVE',
      message: expect.stringContaining('early-warning'),
    });
    expect(await eva.intent('objective.rate', { ...rating, rating: 'X' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await alice.intent('objective.rate', rating)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    await eva.must('objective.rate', rating);

    const events = (await t.api(`/api/exercises/${ex.id}/events`)).body as { type: string; rating?: string }[];
    expect(events.filter((e) => e.type === 'objective.rated')).toEqual([
      expect.objectContaining({ rating: 'S', objective: 'early-warning' }),
    ]);
    const log = await eva.waitFor('log', (l) => l.kind === 'rating');
    expect(log.debrief).toEqual({ kind: 'rating', ...rating });

    // A late-joining Control finds the rating in its history; the participant never receives it.
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    expect(control.logs().filter((l) => l.kind === 'rating')).toHaveLength(1);
    expect(alice.logs().some((l) => l.kind === 'rating' || l.debrief)).toBe(false);
    await Promise.all([eva, alice, control].map((s) => s.leave()));
  });

  it('the hot wash opens when the exercise ends and reaches staff only [V2]', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const bob = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Bob' });
    const answers = { wentWell: 'The call tree worked', toImprove: 'Nobody owned the press line' };

    expect(await alice.intent('hotwash.submit', answers)).toMatchObject({ ok: false, code: 'NOT_ENDED' });
    await control.must('control.end', {});
    expect(await alice.intent('hotwash.submit', { wentWell: '', toImprove: '  ' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await control.intent('hotwash.submit', answers)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    await alice.must('hotwash.submit', answers);

    const log = await control.waitFor('log', (l) => l.kind === 'hotwash');
    expect(log).toMatchObject({ organisation: 'bank-a', author: 'Alice', debrief: { kind: 'hotwash', ...answers } });
    // Bob's connection, and Alice's own, carry nothing of it: the answers are for the exercise team. (The room
    // answers intents in order, so Bob's reply comes after anything the hot wash sent him.)
    await bob.must('log.write', { kind: 'log', text: 'after the hot wash' });
    for (const seat of [alice, bob]) expect(JSON.stringify(seat.received)).not.toContain('Nobody owned the press line');
    await Promise.all([control, alice, bob].map((s) => s.leave()));
  });

  it('Control writes the summary, edits the improvement plan and publishes; bad rows change nothing [V3, V4]', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const eva = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.evaluator, name: 'Eva' });
    const item = { id: 'item-1', issue: 'No shared IoC format', action: 'Agree on STIX feeds', organisation: 'bank-a', due: '2027-03-01' };
    const before = ((await t.api(`/api/exercises/${ex.id}/events`)).body as unknown[]).length;

    expect(await control.intent('report.planItem', { item: { ...item, organisation: 'bank-z' } })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ORGANISATION',
    });
    expect(await control.intent('report.planItem', { item: { ...item, due: '1 March' } })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(await control.intent('report.planItemRemove', { id: 'item-9' })).toMatchObject({ ok: false, code: 'UNKNOWN_PLAN_ITEM' });
    expect(await eva.intent('report.publish', { published: true })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(((await t.api(`/api/exercises/${ex.id}/events`)).body as unknown[]).length).toBe(before);

    await control.must('report.summary', { text: 'The banks warned early; the ISP filtered late.' });
    await control.must('report.planItem', { item });
    await control.must('report.planItem', { item: { ...item, action: 'Agree on STIX/TAXII feeds' } });
    await control.must('report.planItem', { item: { ...item, id: 'item-2' } });
    await control.must('report.planItemRemove', { id: 'item-2' });
    await control.must('report.publish', { published: true });

    const events = (await t.api(`/api/exercises/${ex.id}/events`)).body as { type: string }[];
    expect(events.slice(before).map((e) => e.type)).toEqual([
      'report.summaryWritten',
      'report.planItemSet',
      'report.planItemSet',
      'report.planItemSet',
      'report.planItemRemoved',
      'report.published',
    ]);
    // The evaluator's screen follows the plan through the staff log.
    await eva.waitFor('log', (l) => l.debrief?.kind === 'published');
    const records = eva.logs().flatMap((l) => (l.debrief ? [l.debrief] : []));
    expect(records.filter((r) => r.kind === 'planItem')).toHaveLength(3);
    await Promise.all([control, eva].map((s) => s.leave()));
  });
});
