import { Decoder } from '@colyseus/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type CreatedExercise, type TestServer } from '../support/testServer.ts';

/**
 * Issue 6, replay over HTTP: `GET /api/exercises/:id/replay?seq=N&seat=…` replays the event log up to event N
 * and answers with what that seat saw then, filtered on the server as its connection was; `…/replay/timeline`
 * lists the events for a scrubber. A real server, real SDK clients play the fixture first.
 */
const PORT = 2780;
let t: TestServer;
let ex: CreatedExercise;
let live: { control: SeatClient; ncsc: SeatClient; bankA: SeatClient; bankB: SeatClient };

/** Private texts of the fixture: bank-a's SOC alert, bank-b's TLP:RED call, a TLP:RED message to bank-b. */
const BANK_A_ONLY = '40 Gbit/s towards the login page.';
const BANK_B_ONLY = ['Do not share.', 'Secret call', 'RED-ONLY-FOR-BANK-B'];

interface ReplayBody {
  seq: number;
  lastSeq: number;
  atMs: number;
  seat: { id: string; role: string; organisation: string | null; seat: string | null };
  injects: { id: string; expects?: unknown }[];
  messages: { id: string; tlp: string }[];
  logs: { id: string }[];
  scenario: { staff?: unknown };
  state: {
    escalation: string;
    desks: Record<string, { acknowledged: Record<string, number> }>;
    indicators: Record<string, unknown>;
    control: { phase?: string; upcoming?: unknown[] };
    secrets: { codes?: Record<string, string> };
  };
  stateBytes: string;
}

const replay = (query: string, auth: { token?: string | null; code?: string } = {}) =>
  fetch(`${t.http}/api/exercises/${ex.id}/replay${query}`, {
    headers: auth.code
      ? { authorization: `Code ${auth.code}` }
      : auth.token === null
        ? {}
        : { authorization: `Bearer ${auth.token ?? 'test-admin-token-0123456789'}` },
  });

async function replayJson(query: string, auth?: { token?: string | null; code?: string }): Promise<{ text: string; body: ReplayBody }> {
  const res = await replay(query, auth);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`replay${query}: ${res.status} ${text}`);
  return { text, body: JSON.parse(text) as ReplayBody };
}

beforeAll(async () => {
  t = await startTestServer(PORT);
  ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
  const join = (code: string, name: string) => SeatClient.join(t.ws, ex.roomId, { code, name });
  live = {
    control: await join(ex.codes.control, 'Cora'),
    ncsc: await join(ex.codes.organisations.ncsc!, 'Nina'),
    bankA: await join(ex.codes.organisations['bank-a']!, 'Alice'),
    bankB: await join(ex.codes.organisations['bank-b']!, 'Bob'),
  };
  await live.control.must('control.start', {});
  await live.bankA.waitForInject('traffic-alert');
  await live.bankA.must('acknowledge', { inject: 'traffic-alert' });
  await live.bankA.must('act', { action: 'report-ncsc' });
  await live.bankB.waitForInject('decision-time', 10_000);
  await live.ncsc.must('message.send', { to: ['bank-b'], tlp: 'TLP:RED', subject: 'Attribution', body: 'RED-ONLY-FOR-BANK-B: known.' });
  await live.bankB.waitFor('message', (m) => m.tlp === 'TLP:RED');
  await live.bankA.waitForInject('headline', 10_000); // the public news item, for the big screen's replay
  await live.control.must('control.end', {});
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(live ?? {}).map((seat) => seat.leave()));
  await t?.close();
});

describe('replay of an exercise over HTTP', () => {
  it('an organisation’s view at every event never holds another organisation’s private inject or message', async () => {
    const { body: last } = await replayJson('?seat=bank-a');
    expect(last.lastSeq).toBeGreaterThan(5);
    let sawOwnAlert = false;
    for (let seq = 0; seq <= last.lastSeq; seq++) {
      const a = await replayJson(`?seq=${seq}&seat=bank-a`);
      const b = await replayJson(`?seq=${seq}&seat=bank-b`);
      const aBytes = Buffer.from(a.body.stateBytes, 'base64').toString('latin1');
      for (const secret of BANK_B_ONLY) {
        expect(a.text, `bank-a at ${seq}`).not.toContain(secret);
        expect(aBytes).not.toContain(secret);
      }
      expect(b.text, `bank-b at ${seq}`).not.toContain(BANK_A_ONLY);
      // Participants never see what is expected of them, nor the Control desk, nor private indicators.
      for (const view of [a.body, b.body]) {
        expect(view.injects.every((i) => i.expects === undefined)).toBe(true);
        expect(view.scenario.staff).toBeUndefined();
        expect(view.state.control).toEqual({});
        expect(Object.keys(view.state.indicators)).toEqual(['availability']);
      }
      expect(Object.keys(a.body.state.desks)).toEqual(['bank-a']);
      expect(Object.keys(b.body.state.desks)).toEqual(['bank-b']);
      sawOwnAlert ||= a.text.includes(BANK_A_ONLY);
    }
    // The filter is not simply empty: each organisation's own private material is in its replay.
    expect(sawOwnAlert).toBe(true);
    const b = await replayJson('?seat=bank-b');
    for (const secret of BANK_B_ONLY) expect(b.text).toContain(secret);
  });

  it('after the last event, each seat sees what its live connection received, and the state its connection decoded', async () => {
    for (const [seat, client] of [
      ['bank-a', live.bankA],
      ['bank-b', live.bankB],
      ['ncsc', live.ncsc],
      ['control', live.control],
    ] as const) {
      const { body } = await replayJson(`?seat=${seat}`);
      const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
      expect(ids(body.injects), seat).toEqual(ids(client.injects()));
      expect(ids(body.messages), seat).toEqual(ids(client.messages()));
      expect(ids(body.logs), seat).toEqual(ids(client.logs()));
      const liveState = (client.room.state as unknown as { toJSON(): ReplayBody['state'] }).toJSON();
      expect(body.state.escalation).toBe(liveState.escalation);
      expect(Object.keys(body.state.desks).sort()).toEqual(Object.keys(liveState.desks).sort());
      expect(body.state.desks).toEqual(liveState.desks);
      expect(body.state.indicators).toEqual(liveState.indicators);
    }
  });

  it('stateBytes decode with the shared schema into the same state as the JSON', async () => {
    const { body } = await replayJson('?seq=4&seat=bank-a');
    const state = new ExerciseState();
    new Decoder(state).decode(Buffer.from(body.stateBytes, 'base64'));
    expect(state.toJSON()).toEqual(body.state);
  });

  it('scrubbing moves the situation: escalation and acknowledgements as they were at each event', async () => {
    const timeline = await fetch(`${t.http}/api/exercises/${ex.id}/replay/timeline`, {
      headers: { authorization: `Code ${ex.codes.evaluator}` },
    });
    expect(timeline.status).toBe(200);
    const { events, seats } = (await timeline.json()) as {
      events: { seq: number; type: string; atMs: number; injects: { id: string }[] }[];
      seats: { id: string }[];
    };
    expect(seats.map((s) => s.id)).toEqual(['control', 'screen', 'ncsc', 'bank-a', 'bank-a/soc', 'bank-b', 'isp']);
    const stored = (await t.api(`/api/exercises/${ex.id}/events`)).body as { seq: number; type: string }[];
    expect(events.map((e) => [e.seq, e.type])).toEqual(stored.map((e) => [e.seq, e.type]));
    const delivered = events.find((e) => e.injects.some((i) => i.id === 'traffic-alert'))!;
    const acked = events.find((e) => e.type === 'inject.acknowledged')!;
    const reported = events.find((e) => e.type === 'action.taken')!;

    const at = async (seq: number) => (await replayJson(`?seq=${seq}&seat=bank-a`)).body;
    expect((await at(0)).state.escalation).toBe('normal');
    expect((await at(0)).injects).toEqual([]);
    expect((await at(delivered.seq - 1)).injects.map((i) => i.id)).not.toContain('traffic-alert');
    expect((await at(delivered.seq)).injects.map((i) => i.id)).toContain('traffic-alert');
    expect((await at(acked.seq - 1)).state.desks['bank-a']!.acknowledged).toEqual({});
    expect(Object.keys((await at(acked.seq)).state.desks['bank-a']!.acknowledged)).toEqual(['traffic-alert']);
    expect((await at(reported.seq - 1)).state.escalation).toBe('incident');
    expect((await at(reported.seq)).state.escalation).toBe('large-scale');
    expect((await at(reported.seq)).atMs).toBe(reported.atMs);
  });

  it('the staff seat sees everything Control saw except the join codes; the big screen public material only', async () => {
    const { body: staff } = await replayJson('?seat=control', { code: ex.codes.evaluator });
    expect(staff.injects.find((i) => i.id === 'traffic-alert')?.expects).toBeDefined();
    expect(staff.messages.map((m) => m.tlp)).toContain('TLP:RED');
    expect(Object.keys(staff.state.desks)).toEqual(['ncsc', 'bank-a', 'bank-b', 'isp']);
    expect(staff.state.control.phase).toBeTruthy();
    expect(staff.state.secrets.codes ?? {}).toEqual({});
    expect(JSON.stringify(staff)).not.toContain(ex.codes.control);
    const { body: screen, text } = await replayJson('?seat=screen', { code: ex.codes.observer });
    expect(screen.injects.length).toBeGreaterThan(0);
    expect(screen.injects.map((i) => i.id)).toEqual(['headline']);
    expect(screen.messages).toEqual([]);
    expect(text).not.toContain(BANK_A_ONLY);
  });

  it('opens with the admin token or a Control, evaluator or observer code, and for nobody else', async () => {
    expect((await replay('', { code: ex.codes.control })).status).toBe(200);
    expect((await replay('', { code: ex.codes.evaluator })).status).toBe(200);
    expect((await replay('', { code: ex.codes.observer })).status).toBe(200);
    const none = await replay('', { token: null });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe('UNAUTHORIZED');
    expect((await replay('', { token: 'not-the-admin-token-at-all' })).status).toBe(401);
    const participant = await replay('?seat=bank-a', { code: ex.codes.organisations['bank-a']! });
    expect(participant.status).toBe(403);
    expect(((await participant.json()) as { error: string }).error).toBe('NOT_ALLOWED');
    expect((await replay('', { code: ex.codes.screen })).status).toBe(403);
    const wrong = await replay('', { code: 'ZZZZ-ZZZZ-ZZ' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('WRONG_CODE');
    const unknown = await fetch(`${t.http}/api/exercises/no-such-exercise/replay`, {
      headers: { authorization: 'Bearer test-admin-token-0123456789' },
    });
    expect(unknown.status).toBe(404);
  });

  it('answers a bad seq or seat with the field and the fix, and changes nothing', async () => {
    const before = ((await t.api(`/api/exercises/${ex.id}/events`)).body as unknown[]).length;
    const far = await replay('?seq=100000');
    expect(far.status).toBe(400);
    expect(await far.json()).toMatchObject({
      error: 'INVALID_REQUEST',
      field: 'seq',
      message: expect.stringContaining(`between 0 and ${before}`),
    });
    const negative = await replay('?seq=-1');
    expect(negative.status).toBe(400);
    expect(await negative.json()).toMatchObject({ field: 'seq' });
    const seat = await replay('?seat=bank-c');
    expect(seat.status).toBe(400);
    expect(await seat.json()).toMatchObject({ field: 'seat', message: expect.stringContaining('bank-a/soc') });
    const extra = await replay('?seq=1&debug=1');
    expect(extra.status).toBe(400);
    expect(((await t.api(`/api/exercises/${ex.id}/events`)).body as unknown[]).length).toBe(before);
  });
});
