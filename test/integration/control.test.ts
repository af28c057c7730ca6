import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type CreatedExercise, type TestServer } from '../support/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2714);
});
afterAll(() => t.close());

type ControlView = {
  clock: { status: string; speed: number };
  escalation: string;
  indicators: Map<string, { value: number }>;
  control: {
    phase: string;
    endReason: string;
    upcoming: { inject: string }[];
    acknowledgements: Map<string, number>;
    expectations: Map<string, { status: string }>;
  };
  desks: Map<string, { openActions: { id: string }[] }>;
};
const view = (seat: SeatClient) => seat.room.state as unknown as ControlView;

async function table(ex: CreatedExercise) {
  const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
  const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
  const bob = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Bob' });
  return { control, alice, bob, leave: () => Promise.all([control, alice, bob].map((s) => s.leave())) };
}

describe('Exercise Control', () => {
  it('starts, pauses, resumes and sets the speed; paused time delivers nothing [T2]', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 1 });
    const { control, alice, leave } = await table(ex);
    expect(await control.intent('control.resume', {})).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await control.intent('control.start', {})).toMatchObject({ ok: true, seq: 1 });
    expect(await control.intent('control.start', {})).toMatchObject({ ok: false, code: 'ALREADY_STARTED' });
    await expect.poll(() => view(control).clock.status).toBe('running');
    expect(await control.intent('control.pause', {})).toMatchObject({ ok: true });
    expect(await control.intent('control.speed', { speed: 3600 })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 400)); // 24 exercise-minutes if the clock were running
    expect(alice.injects()).toEqual([]);
    expect(await control.intent('control.resume', {})).toMatchObject({ ok: true });
    await alice.waitForInject('traffic-alert');
    expect(view(control).clock.speed).toBe(3600);
    await leave();
  });

  it('fires the next inject now, sends an ad-hoc inject, overrides indicators and escalation, jumps and ends', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const { control, alice, bob, leave } = await table(ex);
    await expect.poll(() => view(control).control.upcoming[0]?.inject).toBe('traffic-alert');
    expect(await control.intent('control.fireNext', {})).toMatchObject({ ok: true });
    await alice.waitForInject('traffic-alert');

    expect(
      await control.intent('control.adhoc', {
        channel: 'phone',
        from: 'ncsc',
        to: ['bank-b'],
        tlp: 'TLP:AMBER',
        title: { en: 'Call me', nl: 'Bel me' },
        body: { en: 'Now.', nl: 'Nu.' },
      }),
    ).toMatchObject({ ok: true });
    const adhoc = await bob.waitFor('inject', (i) => i.adhoc);
    expect(adhoc).toMatchObject({ id: 'adhoc-1', tlp: 'TLP:AMBER', title: { en: 'Call me' } });
    const redToAll = {
      channel: 'news',
      from: 'ncsc',
      to: ['ncsc', 'bank-a', 'bank-b', 'isp'],
      tlp: 'TLP:RED',
      title: { en: 'x', nl: 'x' },
      body: { en: 'y', nl: 'y' },
    };
    expect(await control.intent('control.adhoc', redToAll)).toMatchObject({ ok: false, code: 'TLP_VIOLATION' }); // [M1]
    expect(alice.injects().some((i) => i.adhoc)).toBe(false);

    expect(await control.intent('control.indicator', { indicator: 'media', value: 70 })).toMatchObject({ ok: true });
    await expect.poll(() => view(control).indicators.get('media')?.value).toBe(70);
    await bob.waitForInject('media-storm').catch(() => undefined); // to ncsc only: bob must not get it
    expect(bob.injects().map((i) => i.id)).not.toContain('media-storm');

    expect(await control.intent('control.escalation', { level: 'national-crisis' })).toMatchObject({ ok: true });
    await expect.poll(() => view(alice).escalation).toBe('national-crisis');
    expect(await control.intent('control.goto', { phase: 'coordination' })).toMatchObject({ ok: true });
    await alice.waitForInject('board-convened');
    await expect.poll(() => view(control).control.phase).toBe('coordination');
    expect(await control.intent('control.goto', { phase: 'nowhere' })).toMatchObject({ ok: false, code: 'UNKNOWN_PHASE' });

    expect(await control.intent('control.end', {})).toMatchObject({ ok: true });
    await expect.poll(() => view(control).control.endReason).toBe('control');
    await expect.poll(() => view(alice).clock.status).toBe('ended');
    expect(await alice.intent('act', { action: 'report-ncsc' })).toMatchObject({ ok: false, code: 'EXERCISE_ENDED' });
    await leave();
  });

  it('plays a simulated organisation: takes its action and speaks with its voice', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const { control, alice, leave } = await table(ex);
    expect(await control.intent('control.actAs', { organisation: 'isp', action: 'filter-traffic' })).toMatchObject({ ok: true });
    await expect.poll(() => view(alice).indicators.get('availability')?.value).toBe(100); // clamped at its maximum [I2]
    expect(
      await control.intent('message.send', {
        as: 'isp',
        to: ['bank-a'],
        tlp: 'TLP:GREEN',
        subject: 'Filtering active',
        body: 'We drop the botnet traffic upstream.',
      }),
    ).toMatchObject({ ok: true });
    const message = await alice.waitFor('message');
    expect(message).toMatchObject({ from: 'isp', simulated: true, author: 'Cora (Exercise Control)' });
    await leave();
  });

  it('sees acknowledgements per organisation and decisions taken', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600, autostart: true });
    const { control, alice, leave } = await table(ex);
    await alice.waitForInject('traffic-alert');
    expect(await alice.intent('acknowledge', { inject: 'traffic-alert' })).toMatchObject({ ok: true });
    expect(await alice.intent('acknowledge', { inject: 'decision-time' })).toMatchObject({ ok: false, code: 'UNKNOWN_INJECT' });
    await expect.poll(() => view(control).control.acknowledgements.has('traffic-alert/bank-a')).toBe(true);
    expect(await alice.intent('act', { action: 'report-ncsc' })).toMatchObject({ ok: true });
    const logged = await control.waitFor('log', (l) => l.kind === 'action' && l.organisation === 'bank-a');
    expect(logged).toMatchObject({ action: 'report-ncsc', author: 'Alice' });
    await expect.poll(() => view(control).control.expectations.get('traffic-alert#0/bank-a')?.status).toBe('met');
    await leave();
  });

  it('a participant cannot send Control’s commands, and nothing changes', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    const { control, alice, leave } = await table(ex);
    for (const type of ['control.start', 'control.end', 'control.goto', 'control.adhoc', 'observation.record']) {
      expect(await alice.intent(type, {})).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    }
    expect(view(control).clock.status).toBe('ready');
    expect((await t.api(`/api/exercises/${ex.id}/events`)).body).toEqual([]);
    await leave();
  });
});

describe('TLP 2.0 between organisations', () => {
  it('[M1] TLP:RED and TLP:AMBER+STRICT go to named organisations, not to everyone', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const { alice, leave } = await table(ex);
    const everyone = ['ncsc', 'bank-b', 'isp'];
    expect(await alice.intent('message.send', { to: everyone, tlp: 'TLP:RED', subject: 'x', body: 'y' })).toMatchObject({
      ok: false,
      code: 'TLP_VIOLATION',
    });
    expect(await alice.intent('message.send', { to: everyone, tlp: 'TLP:AMBER+STRICT', subject: 'x', body: 'y' })).toMatchObject({
      ok: false,
      code: 'TLP_VIOLATION',
    });
    expect(await alice.intent('message.send', { to: ['ncsc'], tlp: 'TLP:RED', subject: 'x', body: 'y' })).toMatchObject({ ok: true });
    expect(await alice.intent('message.send', { to: everyone, tlp: 'TLP:GREEN', subject: 'x', body: 'y' })).toMatchObject({ ok: true });
    await leave();
  });

  it('[M2][M3] forwards keep their label and stay within what it allows', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600, autostart: true });
    const { alice, bob, leave } = await table(ex);
    await alice.waitForInject('traffic-alert'); // TLP:AMBER, to bank-a/soc, from bank-a
    const forward = (to: string[], tlp: string) =>
      alice.intent('message.send', { to, tlp, subject: 'Fwd', body: '', forward: { kind: 'inject', id: 'traffic-alert' } });
    expect(await forward(['ncsc'], 'TLP:GREEN')).toMatchObject({
      ok: false,
      code: 'TLP_VIOLATION',
      message: expect.stringContaining('[M2]'),
    });
    expect(await forward(['ncsc'], 'TLP:AMBER')).toMatchObject({
      ok: false,
      code: 'TLP_VIOLATION',
      message: expect.stringContaining('[M3]'),
    });
    const red = await alice.intent('message.send', {
      to: ['bank-b'],
      tlp: 'TLP:RED',
      subject: 'Eyes only',
      body: 'Our outage is worse than reported.',
    });
    const redId = `m${(red as { seq: number }).seq}`;
    await bob.waitFor('message', (m) => m.id === redId);
    expect(
      await bob.intent('message.send', { to: ['ncsc'], tlp: 'TLP:RED', subject: 'Fwd', body: '', forward: { kind: 'message', id: redId } }),
    ).toMatchObject({ ok: false, code: 'TLP_VIOLATION', message: 'TLP:RED material may not be forwarded [M3]' });
    const green = await alice.intent('message.send', {
      to: ['bank-b'],
      tlp: 'TLP:GREEN',
      subject: 'Community note',
      body: 'Scrubbing works.',
    });
    const greenId = `m${(green as { seq: number }).seq}`;
    await bob.waitFor('message', (m) => m.id === greenId);
    expect(
      await bob.intent('message.send', {
        to: ['ncsc', 'isp'],
        tlp: 'TLP:GREEN',
        subject: 'Fwd',
        body: 'FYI',
        forward: { kind: 'message', id: greenId },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await bob.intent('message.send', {
        to: ['ncsc'],
        tlp: 'TLP:GREEN',
        subject: 'Fwd',
        body: '',
        forward: { kind: 'inject', id: 'traffic-alert' },
      }),
    ).toMatchObject({ ok: false, code: 'UNKNOWN_INJECT' });
    await leave();
  });
});
