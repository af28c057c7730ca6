import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type CreatedExercise, type TestServer } from '../support/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2712);
});
afterAll(() => t.close());

const join = (ex: CreatedExercise, code: string, name: string, seat?: string) =>
  SeatClient.join(t.ws, ex.roomId, { code, name, ...(seat ? { seat } : {}) });

describe('joining an exercise', () => {
  it('refuses a wrong code with WRONG_CODE (4401), and a join without a name with INVALID_JOIN (4400)', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const wrong = await new Client(t.ws)
      .joinById(ex.roomId, { code: 'AAAAA-BBBBB', name: 'Mallory' })
      .catch((e: { code: number; message: string }) => e);
    expect(wrong).toMatchObject({ code: 4401, message: expect.stringMatching(/^WRONG_CODE/) });
    const nameless = await new Client(t.ws)
      .joinById(ex.roomId, { code: ex.codes.control })
      .catch((e: { code: number; message: string }) => e);
    expect(nameless).toMatchObject({ code: 4400, message: expect.stringMatching(/^INVALID_JOIN/) });
  });

  it('gives each code its seat', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const seats = await Promise.all([
      join(ex, ex.codes.control, 'Cora'),
      join(ex, ex.codes.evaluator, 'Eva'),
      join(ex, ex.codes.observer, 'Otto'),
      join(ex, ex.codes.screen, 'Big screen'),
      join(ex, ex.codes.organisations['bank-a']!.toLowerCase().replace('-', ''), 'Alice', 'soc'), // codes are forgiving about case and dash
    ]);
    expect(seats.map((s) => [s.welcome.seat.role, s.welcome.seat.organisation, s.welcome.seat.seat])).toEqual([
      ['control', null, null],
      ['evaluator', null, null],
      ['observer', null, null],
      ['screen', null, null],
      ['participant', 'bank-a', 'soc'],
    ]);
    await Promise.all(seats.map((s) => s.leave()));
  });

  it('refuses an unknown seat rather than widening what the person sees [O3], and tells staff the scenario’s names', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const typo = await new Client(t.ws)
      .joinById(ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Sam', seat: 'sock' })
      .catch((e: { code: number; message: string }) => e);
    expect(typo).toMatchObject({ code: 4400, message: 'INVALID_JOIN: no seat "sock" in bank-a; the seats are soc' });
    const control = await join(ex, ex.codes.control, 'Cora');
    const alice = await join(ex, ex.codes.organisations['bank-a']!, 'Alice');
    expect(control.welcome.scenario.staff?.phases.map((p) => p.id)).toEqual(['attack', 'coordination', 'crisis', 'recovery']);
    expect(control.welcome.scenario.staff?.actions[0]).toMatchObject({ id: 'report-ncsc', by: ['bank-a', 'bank-b'] });
    expect(alice.welcome.scenario.staff).toBeUndefined();
    await Promise.all([control, alice].map((s) => s.leave()));
  });

  it('spreads class-code students over the played organisations, the fewest people first', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const students = [];
    for (const name of ['Ada', 'Ben', 'Cas', 'Dewi', 'Eli']) students.push(await join(ex, ex.codes.class, name));
    expect(students.map((s) => s.welcome.seat.organisation)).toEqual(['ncsc', 'bank-a', 'bank-b', 'ncsc', 'bank-a']); // never the simulated ISP
    const again = await join(ex, ex.codes.class, 'ada'); // the same student on another device
    expect(again.welcome.seat).toMatchObject({ organisation: 'ncsc', participantId: students[0]!.welcome.seat.participantId });
    await Promise.all([...students, again].map((s) => s.leave()));
  });
});

describe('join codes', () => {
  it('only Control sees the codes, and Control can revoke one and issue a new one', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const control = await join(ex, ex.codes.control, 'Cora');
    const evaluator = await join(ex, ex.codes.evaluator, 'Eva');
    const codesOf = (seat: SeatClient) =>
      (seat.room.state as unknown as { toJSON(): { secrets?: { codes?: Record<string, string> } } }).toJSON().secrets?.codes ?? {};
    await expect.poll(() => codesOf(control)['bank-a']).toBe(ex.codes.organisations['bank-a']);
    expect(codesOf(evaluator)).toEqual({});
    expect(await control.intent('control.reissueCode', { seat: 'bank-a' })).toMatchObject({ ok: true });
    await expect.poll(() => codesOf(control)['bank-a']).not.toBe(ex.codes.organisations['bank-a']);
    const fresh = codesOf(control)['bank-a']!;
    const old = await new Client(t.ws)
      .joinById(ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' })
      .catch((e: { code: number }) => e);
    expect(old).toMatchObject({ code: 4401 });
    const alice = await join(ex, fresh, 'Alice');
    expect(alice.welcome.seat.organisation).toBe('bank-a');
    const events = (await t.api(`/api/exercises/${ex.id}/events`)).body as Record<string, unknown>[];
    expect(events).toEqual([expect.objectContaining({ type: 'code.reissued', seat: 'bank-a' })]);
    expect(JSON.stringify(events)).not.toContain(fresh.slice(0, 5)); // the log never carries codes
    expect(await control.intent('control.reissueCode', { seat: 'bank-z' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    await Promise.all([control, evaluator, alice].map((s) => s.leave()));
  });
});

describe('people drop out and come late', () => {
  it('a late joiner receives the organisation’s full history', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const control = await join(ex, ex.codes.control, 'Cora');
    const early = await join(ex, ex.codes.organisations['bank-a']!, 'Alice');
    await control.must('control.start', {});
    await early.waitForInject('traffic-alert');
    expect((await early.intent('act', { action: 'report-ncsc' })).ok).toBe(true);
    await early.waitForInject('board-convened');
    const late = await join(ex, ex.codes.organisations['bank-a']!, 'Late Larry');
    expect(late.injects().map((i) => i.id)).toEqual(expect.arrayContaining(['traffic-alert', 'board-convened']));
    expect(late.logs().some((l) => l.kind === 'action' && l.action === 'report-ncsc')).toBe(true);
    await Promise.all([control, early, late].map((s) => s.leave()));
  });

  it('the same code and name on another device is the same person, with history intact', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600, autostart: true });
    const laptop = await join(ex, ex.codes.organisations['bank-a']!, 'Alice');
    await laptop.waitForInject('traffic-alert');
    await laptop.must('log.write', { kind: 'log', text: 'Scrubbing service called.' });
    await laptop.leave();
    const phone = await join(ex, ex.codes.organisations['bank-a']!, 'alice ');
    expect(phone.welcome.seat.participantId).toBe(laptop.welcome.seat.participantId);
    expect(phone.injects().map((i) => i.id)).toContain('traffic-alert');
    expect(phone.logs().map((l) => l.text)).toContain('Scrubbing service called.');
    await phone.leave();
  });

  it('a dropped connection reconnects to the same seat and gets what it missed', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const control = await join(ex, ex.codes.control, 'Cora');
    const alice = await join(ex, ex.codes.organisations['bank-a']!, 'Alice');
    const before = alice.received.filter((r) => r.type === 'welcome').length;
    // A network drop: the socket dies without a close handshake (1006), and the SDK reconnects by itself.
    (alice.room as unknown as { reconnection: { minUptime: number } }).reconnection.minUptime = 0;
    (alice.room as unknown as { connection: { transport: { ws: { terminate(): void } } } }).connection.transport.ws.terminate();
    await control.must('control.start', {});
    await control.must('control.adhoc', {
      channel: 'phone',
      from: 'ncsc',
      to: ['bank-a'],
      tlp: 'TLP:AMBER',
      title: { en: 'While you were away', nl: 'Terwijl je weg was' },
      body: { en: 'Call us.', nl: 'Bel ons.' },
    });
    await expect.poll(() => alice.received.filter((r) => r.type === 'welcome').length, { timeout: 10_000 }).toBeGreaterThan(before);
    expect(alice.welcome.seat.organisation).toBe('bank-a');
    expect(alice.injects().map((i) => i.title.en)).toContain('While you were away');
    const presence = control.room.state as unknown as { control: { participants: Map<string, { connected: boolean; name: string }> } };
    await expect.poll(() => [...presence.control.participants.values()].find((p) => p.name === 'Alice')?.connected).toBe(true);
    await Promise.all([control, alice].map((s) => s.leave()));
  });
});

describe('class-code students across a restart', () => {
  it('places students joining at the same moment one after another, and finds each again after the server restarts', async () => {
    const first = await startTestServer(2709);
    const ex = await first.createExercise({ scenario: 'two-banks' });
    const names = ['Ada', 'Ben', 'Cas', 'Dewi'];
    const students = await Promise.all(names.map((name) => SeatClient.join(first.ws, ex.roomId, { code: ex.codes.class, name })));
    const placed = students.map((s) => s.welcome.seat.organisation);
    // Three played organisations: joined at once, they are still spread 2/1/1, never 4 in one.
    expect(new Set(placed).size).toBe(3);
    const events = (await first.api(`/api/exercises/${ex.id}/events`)).body as { type: string; name?: string; organisation?: string }[];
    expect(events.filter((e) => e.type === 'seat.assigned').map((e) => [e.name, e.organisation])).toEqual(
      names.map((n, i) => [n, placed[i]]),
    );
    await Promise.all(students.map((s) => s.leave()));
    await first.close();

    // The directory of who sits where is rebuilt from the events: each name comes back to its organisation.
    const second = await startTestServer(2709, { dataDir: first.dataDir });
    try {
      for (const [i, name] of [...names].reverse().entries()) {
        const back = await SeatClient.join(second.ws, ex.roomId, { code: ex.codes.class, name });
        expect([name, back.welcome.seat.organisation]).toEqual([name, placed[names.length - 1 - i]]);
        await back.leave();
      }
    } finally {
      await second.close();
    }
  });
});
