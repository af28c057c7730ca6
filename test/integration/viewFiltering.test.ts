import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingProxy } from '../support/recordingProxy.ts';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type CreatedExercise, type TestServer } from '../support/testServer.ts';

const PORT = 2713;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(PORT);
});
afterAll(() => t.close());

type ViewState = { desks: Map<string, unknown>; indicators: Map<string, { id: string }> };
const stateOf = (seat: SeatClient) => seat.room.state as unknown as ViewState;

/** Runs the fixture until the TLP:RED phone call to bank-b, with a TLP:RED message from NCSC to bank-b. */
async function playUntilSecrets(
  ex: CreatedExercise,
  seats: { control: SeatClient; ncsc: SeatClient; bankA: SeatClient; bankB: SeatClient },
) {
  await seats.control.must('control.start', {});
  await seats.bankA.waitForInject('traffic-alert');
  expect((await seats.bankA.intent('act', { action: 'report-ncsc' })).ok).toBe(true);
  await seats.bankB.waitForInject('decision-time', 10_000);
  const red = await seats.ncsc.intent('message.send', {
    to: ['bank-b'],
    tlp: 'TLP:RED',
    subject: 'Attribution',
    body: 'RED-ONLY-FOR-BANK-B: the operator is known to us.',
  });
  expect(red.ok).toBe(true);
  await seats.bankB.waitFor('message', (m) => m.tlp === 'TLP:RED');
  void ex;
}

describe('what each seat sees [invariant: role views are filtered on the server]', () => {
  it('a participant’s state holds its own desk and the public indicators only; staff see everything', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const screen = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.screen, name: 'Big screen' });
    await expect.poll(() => [...stateOf(alice).desks.keys()]).toEqual(['bank-a']);
    // The field exists in the schema, so the decoder makes an empty shell; none of its contents reach a participant.
    expect((alice.room.state as unknown as { toJSON(): { control?: unknown } }).toJSON().control ?? {}).toEqual({});
    expect([...stateOf(alice).indicators.keys()]).toEqual(['availability']); // `media` is not public [I3]
    await expect.poll(() => [...stateOf(control).desks.keys()]).toEqual(['ncsc', 'bank-a', 'bank-b', 'isp']);
    expect((control.room.state as unknown as { toJSON(): { control: { phase: string } } }).toJSON().control.phase).toBe('');
    expect([...stateOf(control).indicators.keys()]).toEqual(['availability', 'media']);
    expect(stateOf(screen).desks.size).toBe(0);
    await Promise.all([alice, control, screen].map((s) => s.leave()));
  });

  it('injects reach their organisations, seats [O3] and the staff; participants never see expectations', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const [control, ncsc, bankA, bankB, socSeat] = await Promise.all([
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' }),
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations.ncsc!, name: 'Nina' }),
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' }),
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Bob' }),
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Sam', seat: 'soc' }),
    ]);
    await playUntilSecrets(ex, { control: control, ncsc: ncsc, bankA: bankA, bankB: bankB });
    expect(bankA.injects().map((i) => i.id)).toContain('traffic-alert'); // to bank-a/soc: the whole-organisation seat sees it too
    expect(socSeat.injects().map((i) => i.id)).toContain('traffic-alert');
    expect(bankB.injects().map((i) => i.id)).not.toContain('traffic-alert');
    expect(bankA.injects().map((i) => i.id)).not.toContain('decision-time');
    expect(bankA.injects().every((i) => i.expects === undefined)).toBe(true);
    expect(control.injects().find((i) => i.id === 'traffic-alert')?.expects).toEqual([
      { action: 'report-ncsc', by: ['bank-a'], withinSeconds: 1800, objective: 'early-warning' },
    ]);
    expect(bankA.messages()).toEqual([]);
    expect(bankB.messages().map((m) => m.tlp)).toEqual(['TLP:RED']);
    await Promise.all([control, ncsc, bankA, bankB, socSeat].map((s) => s.leave()));
  });

  it('decisions that open after a seat joined reach its desk (collections change in place inside a view)', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const openOf = (seat: SeatClient, org: string) =>
      (
        (seat.room.state as unknown as { toJSON(): { desks: Record<string, { openActions: { id: string }[] }> } }).toJSON().desks[org]
          ?.openActions ?? []
      ).map((a) => a.id);
    await control.must('control.start', {});
    await expect.poll(() => openOf(alice, 'bank-a')).toEqual(['report-ncsc']);
    await alice.must('act', { action: 'report-ncsc' }); // → coordination, where go-offline opens
    await expect.poll(() => openOf(alice, 'bank-a')).toEqual(['go-offline']);
    const label = (
      alice.room.state as unknown as { toJSON(): { desks: Record<string, { openActions: { label: Record<string, string> }[] }> } }
    ).toJSON().desks['bank-a']!.openActions[0]!.label;
    expect(label).toEqual({ en: 'Take online banking offline', nl: 'Haal internetbankieren offline' });
    await expect
      .poll(
        () =>
          (control.room.state as unknown as { toJSON(): { control: { phaseTitle: Record<string, string> } } }).toJSON().control.phaseTitle,
      )
      .toEqual({ en: 'Coordination', nl: 'Coördinatie' });
    await Promise.all([control, alice].map((s) => s.leave()));
  });

  it('the big screen gets public headlines and nothing private [J9]', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const screen = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.screen, name: 'Big screen' });
    await control.must('control.start', {});
    await screen.waitForInject('headline', 10_000);
    expect(screen.injects().every((i) => i.public && i.tlp === 'TLP:CLEAR')).toBe(true);
    expect(screen.injects().map((i) => i.id)).not.toContain('traffic-alert');
    await Promise.all([control, screen].map((s) => s.leave()));
  });
});

describe('on the wire', () => {
  it('no byte of another organisation’s private inject, a TLP:RED message between others, or the scenario’s future crosses a participant’s connection', async () => {
    const proxyA = await new RecordingProxy(PORT).listen(PORT + 100);
    const proxyB = await new RecordingProxy(PORT).listen(PORT + 101);
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const ncsc = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations.ncsc!, name: 'Nina' });
    const bankA = await SeatClient.join(`ws://127.0.0.1:${PORT + 100}`, ex.roomId, {
      code: ex.codes.organisations['bank-a']!,
      name: 'Alice',
    });
    const bankB = await SeatClient.join(`ws://127.0.0.1:${PORT + 101}`, ex.roomId, {
      code: ex.codes.organisations['bank-b']!,
      name: 'Bob',
    });
    await playUntilSecrets(ex, { control, ncsc, bankA, bankB });

    // The recording works: each participant's own private material is on its wire.
    expect(proxyA.received('40 Gbit/s towards the login page.')).toBe(true);
    expect(proxyB.received('Do not share.')).toBe(true);
    expect(proxyB.received('RED-ONLY-FOR-BANK-B')).toBe(true);
    // …and nothing of the other's.
    expect(proxyB.received('40 Gbit/s towards the login page.')).toBe(false);
    expect(proxyA.received('Do not share.')).toBe(false);
    expect(proxyA.received('Secret call')).toBe(false);
    expect(proxyA.received('RED-ONLY-FOR-BANK-B')).toBe(false);
    // Not the scenario's future, not what is expected of anyone, not private indicators.
    for (const proxy of [proxyA, proxyB]) {
      expect(proxy.received('The minister calls')).toBe(false);
      expect(proxy.received('Filter the botnet traffic.')).toBe(false);
      expect(proxy.received('early-warning')).toBe(false);
      expect(proxy.received('Media pressure')).toBe(false);
    }
    await Promise.all([control, ncsc, bankA, bankB].map((s) => s.leave()));
    await Promise.all([proxyA.close(), proxyB.close()]);
  });
});
