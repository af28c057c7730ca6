import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2715);
});
afterAll(() => t.close());

const eventsOf = async (id: string) => (await t.api(`/api/exercises/${id}/events`)).body as unknown[];

describe('bad input gets an error code, changes nothing, and the server keeps running', () => {
  it('unknown types, wrong shapes, unknown ids and hostile keys are refused with their codes', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const before = await eventsOf(ex.id);
    const cases: [string, Record<string, unknown>, string][] = [
      ['teleport', {}, 'UNKNOWN_MESSAGE'],
      ['act', { action: 42 }, 'INVALID_PAYLOAD'],
      ['act', {}, 'INVALID_PAYLOAD'],
      ['act', { action: 'report-ncsc', extra: true }, 'INVALID_PAYLOAD'],
      ['act', { action: 'filter-traffic' }, 'ACTION_NOT_ALLOWED'],
      ['act', { action: 'no-such-action' }, 'UNKNOWN_ACTION'],
      ['acknowledge', { inject: '__proto__' }, 'UNKNOWN_INJECT'],
      ['message.send', { to: ['bank-b'], tlp: 'TLP:PURPLE', subject: 's', body: 'b' }, 'INVALID_PAYLOAD'],
      ['message.send', { to: ['constructor'], tlp: 'TLP:GREEN', subject: 's', body: 'b' }, 'UNKNOWN_ORGANISATION'],
      ['message.send', { to: ['bank-b'], tlp: 'TLP:GREEN', subject: 's', body: 'b', as: 'isp' }, 'NOT_ALLOWED'],
      ['log.write', { kind: 'log', text: '   ' }, 'INVALID_PAYLOAD'],
      ['act', JSON.parse('{"action":"report-ncsc","__proto__":{"polluted":true}}') as Record<string, unknown>, 'INVALID_PAYLOAD'],
    ];
    for (const [type, payload, code] of cases) {
      const answer = await alice.intent(type, payload);
      expect({ type, answer }).toMatchObject({ type, answer: { code } });
    }
    expect(await eventsOf(ex.id)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await alice.leave();
  });

  it('a message typed "*" with a hostile payload is refused with its ref, and the server stays up (fuzz seed 3)', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    alice.room.send('*', { ref: 'star', toString: 'not a function' });
    expect(await alice.waitFor('rejected', (r) => r.ref === 'star')).toMatchObject({ type: '*', code: 'UNKNOWN_MESSAGE' });
    expect(await alice.intent('log.write', { kind: 'log', text: 'still connected' })).toMatchObject({ ok: true });
    expect((await t.api('/healthz', { token: null })).status).toBe(200);
    await alice.leave();
  });

  it('refuses payloads over 16 KiB with PAYLOAD_TOO_LARGE', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const answer = await alice.intent('log.write', { kind: 'log', text: 'x'.repeat(20_000) });
    expect(answer).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(await alice.intent('log.write', { kind: 'log', text: 'still here' })).toMatchObject({ ok: true });
    await alice.leave();
  });

  it('answers a flood with RATE_LIMITED and keeps serving the others', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const flooder = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Flo' });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    for (let i = 0; i < 200; i++) flooder.room.send('log.write', { ref: `f${i}`, kind: 'log', text: `spam ${i}` });
    await flooder.waitFor('rejected', (r) => r.code === 'RATE_LIMITED');
    await expect
      .poll(() => flooder.received.filter((r) => r.type === 'accepted' || r.type === 'rejected').length, { timeout: 10_000 })
      .toBe(200);
    const accepted = flooder.received.filter((r) => r.type === 'accepted').length;
    expect(accepted).toBeGreaterThanOrEqual(39); // the burst allowance of 40, less the `sync` the join sent
    expect(accepted).toBeLessThan(200);
    expect(await alice.intent('log.write', { kind: 'log', text: 'unaffected' })).toMatchObject({ ok: true });
    const stored = (await eventsOf(ex.id)).filter((e) => (e as { type: string }).type === 'log.written');
    expect(stored).toHaveLength(accepted + 1);
    await Promise.all([flooder.leave(), alice.leave()]);
  });

  it('runs thirty classroom exercises side by side', async () => {
    const exercises = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.createExercise({ scenario: 'two-banks', speed: 3600, autostart: true, name: `Class ${i + 1}` }),
      ),
    );
    const students = await Promise.all(
      exercises.map((ex, i) => SeatClient.join(t.ws, ex.roomId, { code: ex.codes.class, name: `Student ${i}` })),
    );
    // Live or, for a student who joined late, in the welcome's history.
    await Promise.all(students.map((s) => expect.poll(() => s.injects().length, { timeout: 15_000 }).toBeGreaterThan(0)));
    expect(new Set(students.map((s) => s.room.roomId)).size).toBe(30);
    await Promise.all(students.map((s) => s.leave()));
  });
});
