import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { eventLogProblems, privateInjectTexts, replay, replayable, type ApiEvent } from './fuzzChecks.ts';
import { FuzzLink } from './fuzzLink.ts';
import { FUZZ_PORT, nthMessage, PLAN } from './fuzzPlan.ts';
import { FuzzTable } from './fuzzTable.ts';
import { sendTraffic, type Traffic } from './fuzzTraffic.ts';
import { watchRun } from './fuzzWatch.ts';
import { worldOf, type FuzzSeat } from './fuzzWorld.ts';
import type { HostileMessage } from './hostileMessages.ts';

/**
 * Issue 5: seeded fuzzing of message payloads [STYLE principle 9]. 10,000 random and hostile messages from
 * every kind of seat, paced under the flood guard on twenty connections plus deliberate floods on one: the
 * server stays up, every message is answered once, only accepted intents reach the event log and replaying
 * it rebuilds the live state, and no connection carries what its seat may not see.
 * `SIMCELL_FUZZ_SEED=<n> npx vitest run test/fuzz` replays a run; failing seeds are pinned at the end.
 */
const SEED = Number(process.env.SIMCELL_FUZZ_SEED ?? 20_260_505);
const TOTAL_MESSAGES = 10_000;
const TRAFFIC: Traffic = {
  total: TOTAL_MESSAGES,
  /** Per paced connection: the guard allows 20 a second sustained, with a burst of 40. */
  perSecond: 16,
  bursts: [2_000, 9_000, 16_000, 23_000].map((atMs) => ({ atMs, size: 150 })),
};
/** A stall of the event loop (shared by server and clients) after which the burst allowance no longer covers the pace. */
const STALL_MS = (40 / TRAFFIC.perSecond) * 1000 * 0.8;

let t: TestServer;
const uncaught: string[] = [];
const onUncaught = (error: unknown) =>
  void uncaught.push(
    String((error as Error)?.stack ?? error)
      .split('\n')
      .slice(0, 4)
      .join(' ← '),
  );
beforeAll(async () => {
  t = await startTestServer(FUZZ_PORT);
  process.on('uncaughtException', onUncaught);
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await t.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const health = () => fetch(`${t.http}/healthz`).then((r) => r.status, String);

describe('seeded message fuzzing [issue 5]', () => {
  it(`10,000 hostile messages from every kind of seat change nothing unauthorised and leak nothing (seed ${SEED})`, async () => {
    const started = performance.now();
    const problems: string[] = [];
    const table = await FuzzTable.open(t, SEED);
    try {
      // Deliver both private injects before the fuzzing starts, so every later welcome carries them.
      const control = table.slot('control-1').link.client;
      const bankA = table.slot('bank-a-1').link.client;
      await control.must('control.start', {});
      await bankA.waitFor('inject', (i) => i.id === 'traffic-alert', 10_000);
      await bankA.must('act', { action: 'report-ncsc' });
      await table.slot('bank-b-1').link.client.waitFor('inject', (i) => i.id === 'decision-time', 10_000);
      await control.must('control.speed', { speed: 30 });
      const setupMs = performance.now() - started;

      const watcher = watchRun(table, problems);
      const fuzzStart = performance.now();
      await sendTraffic(table, TRAFFIC);
      const fuzzMs = performance.now() - fuzzStart;
      const links = table.links;
      const outstanding = () => links.filter((l) => !l.dropped).reduce((n, l) => n + l.outstanding(), 0);
      await expect.poll(outstanding, { timeout: 20_000, interval: 200 }).toBe(0);
      await watcher.stop();

      // The server is still up and still lets people in.
      const late = await table.join({ slot: 'late-joiner', code: { organisation: 'bank-a' } });
      const lateAnswer = await late.client.intent('log.write', { kind: 'log', text: 'still here after the fuzzing' });
      if (!lateAnswer.ok) problems.push(`a fresh seat's valid log entry was refused: ${lateAnswer.code} ${lateAnswer.message}`);

      // Every message answered once; the event log holds exactly the accepted intents; replaying it rebuilds the room.
      const stalled = watcher.maxLagMs > STALL_MS;
      for (const link of links) problems.push(...link.answerProblems(stalled));
      const events = (await t.api(`/api/exercises/${table.exercise.id}/events`)).body as ApiEvent[];
      problems.push(...eventLogProblems(events, [...links, late]));
      const control1 = table.slot('control-1').link;
      if (!control1.dropped) await control1.client.intent('control.pause', {}); // lines the live clock up with the log
      const room = matchMaker.getLocalRoomById(table.exercise.roomId) as unknown as { state: ExerciseState };
      const { name, speed } = table.record;
      const rebuilt = replay(
        { exerciseId: table.exercise.id, name, speed, scenario: table.scenario },
        await t.server.store.events(table.exercise.id),
      );
      try {
        expect(replayable(room.state)).toEqual(replayable(rebuilt));
      } catch (error) {
        problems.push(`replaying the event log does not rebuild the live state: ${String(error).slice(0, 2000)}`);
      }
      if (uncaught.length) problems.unshift(...uncaught.map((u) => `uncaught exception in the server process: ${u}`));

      // The recordings work: each participant's own private material is on its wire, and restricted material reached its audience.
      const wire = (slot: string, text: string) => table.proxies.get(slot)!.received(text);
      const privateTexts = privateInjectTexts(table.scenario).flatMap((p) => p.texts);
      expect(privateTexts).toEqual(expect.arrayContaining(['Do not share.', '40 Gbit/s towards the login page.']));
      expect(['bank-a-1', 'bank-a-soc'].map((slot) => wire(slot, '40 Gbit/s towards the login page.'))).toEqual([true, true]);
      expect(wire('bank-b-1', 'Do not share.')).toBe(true);
      expect(['ncsc-1', 'bank-a-1', 'bank-b-1'].filter((slot) => !wire(slot, '[NOT-FOR:'))).toEqual([]);

      const sent = links.reduce((n, l) => n + l.sent.length, 0);
      const count = (f: (l: FuzzLink) => number) => links.reduce((n, l) => n + f(l), 0);
      const categories: Record<string, number> = {};
      for (const l of links) for (const s of l.sent) categories[s.message.category] = (categories[s.message.category] ?? 0) + 1;
      const summary =
        `seed ${SEED}: ${sent} messages sent, ${count((l) => l.answers().filter((a) => a.kind === 'accepted').length)} accepted, ` +
        `${events.length} events, ${count((l) => (l.dropped ? 1 : 0))} connections dropped, ` +
        `${count((l) => l.pacedRateLimited())} paced messages rate-limited; setup ${Math.round(setupMs)} ms, fuzzing ${Math.round(fuzzMs)} ms, ` +
        `event-loop stalls up to ${Math.round(watcher.maxLagMs)} ms, total ${Math.round(performance.now() - started)} ms; ${JSON.stringify(categories)}`;
      process.stdout.write(`[messageFuzz] ${summary}\n`);
      expect(sent).toBe(TOTAL_MESSAGES);
      // The floods met the guard (and were answered, message by message, with RATE_LIMITED).
      const flooder = table.slots.find((s) => s.plan.flood)!;
      expect(
        flooder.links.flatMap((l) => l.answers()).filter((a) => a.kind === 'rejected' && a.code === 'RATE_LIMITED').length,
      ).toBeGreaterThan(100);
      expect(problems, `${summary}\nreplay with SIMCELL_FUZZ_SEED=${SEED}\n${problems.slice(0, 40).join('\n')}`).toEqual([]);
      await late.client.leave();
    } finally {
      await table.close();
    }
  }, 120_000);

  it('a frame over the transport limit (256 KiB) closes only its own connection', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const join = (name: string) => SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name });
    const [big, bystander] = await Promise.all([join('Oversize'), join('Bystander')]);
    const link = new FuzzLink('oversize', 'Oversize', { role: 'participant', organisation: 'bank-b' }, big);
    big.room.send('log.write', { ref: 'big', kind: 'log', text: 'x'.repeat(300 * 1024) });
    await expect.poll(() => link.dropped !== undefined).toBe(true);
    expect(await health()).toBe(200);
    expect(await bystander.intent('log.write', { kind: 'log', text: 'unaffected' })).toMatchObject({ ok: true });
    await bystander.leave();
  });
});

/**
 * Failing seeds, pinned [STYLE principle 9]: each regenerates the message its seed found, sends it alone on
 * a fresh connection and states what every message is owed. They fail until the bug is fixed.
 */
interface Pin {
  readonly seed: number;
  readonly slot: string;
  readonly seat: FuzzSeat;
  readonly n: number;
  /** What the regenerated message looks like: pins the generator too. */
  readonly looksLike: Partial<HostileMessage>;
  readonly why: string;
}

const PINNED: readonly Pin[] = [
  {
    // BUG (found by seeds 2, 3, 4, 5 and the default seed): server/room/exerciseRoom.ts, the onMessage('*') handler.
    // For a message whose type is literally "*", Colyseus calls the wildcard handler as (client, payload, context),
    // not (client, type, payload), so the room runs String(payload); a payload with a non-callable `toString`
    // makes that throw out of the ws receiver: an uncaught exception. `simcell serve` (handleSignals) then shuts
    // the whole server down and exits; here the sender's connection dies unanswered.
    // (Found as seed 3, isp-1 #12; re-pinned to the same message class when the debrief intents lengthened the
    // generator's list of intent types and so shifted every stream.)
    seed: 2,
    slot: 'bank-a-1',
    seat: { role: 'participant', organisation: 'bank-a' },
    n: 339,
    looksLike: { type: '*', category: 'wrongType', ref: 'bank-a-1.339', payload: expect.objectContaining({ toString: 'x' }) },
    why: 'a participant’s "*" message whose payload has a non-callable toString is refused, not thrown out of the room',
  },
  {
    // BUG (found by every seed): same handler. A "*" message is refused as UNKNOWN_MESSAGE with type
    // "[object Object]" and without its ref, breaking the protocol's promise that the ref comes back.
    // (Found as seed 1, bank-a-3 #14; re-pinned like the one above.)
    seed: 1,
    slot: 'bank-a-3',
    seat: { role: 'participant', organisation: 'bank-a' },
    n: 955,
    looksLike: { type: '*', category: 'wrongType', ref: 'bank-a-3.955' },
    why: 'a "*" message is refused with its own ref and type',
  },
];

describe('pinned fuzz seeds', () => {
  // The minimal reproductions of the pinned seeds.
  it('[regression] a "*" message whose payload cannot become a string is refused and the connection stays open', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const link = new FuzzLink('minimal', 'Alice', { role: 'participant', organisation: 'bank-a' }, alice);
    const before = uncaught.length;
    alice.room.send('*', { ref: 'star', toString: 'x' });
    await sleep(500);
    expect(uncaught.slice(before)).toEqual([]);
    expect(link.dropped).toBeUndefined();
    expect(await alice.intent('log.write', { kind: 'log', text: 'still connected' })).toMatchObject({ ok: true });
    await alice.leave();
  });

  it('[regression] a "*" message is refused with its own ref and type', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    alice.room.send('*', { ref: 'star' });
    await expect.poll(() => alice.received.some((r) => r.type === 'rejected')).toBe(true);
    expect(alice.received.find((r) => r.type === 'rejected')?.payload).toMatchObject({ ref: 'star', type: '*', code: 'UNKNOWN_MESSAGE' });
    await alice.leave();
  });

  for (const pin of PINNED) {
    it(`[seed ${pin.seed}, ${pin.slot} #${pin.n}] ${pin.why}`, async () => {
      const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
      const scenario = (await t.server.store.getExercise(ex.id))!.scenario as Scenario;
      const message = nthMessage(pin.seed, pin.slot, pin.seat, worldOf(scenario), pin.n);
      expect(message).toMatchObject(pin.looksLike);
      const plan = PLAN.find((p) => p.slot === pin.slot)!;
      const code = typeof plan.code === 'string' ? ex.codes[plan.code] : ex.codes.organisations[plan.code.organisation]!;
      const client = await SeatClient.join(t.ws, ex.roomId, {
        code,
        name: `Pinned ${pin.slot}`,
        ...(plan.seat ? { seat: plan.seat } : {}),
      });
      const link = new FuzzLink(pin.slot, `Pinned ${pin.slot}`, pin.seat, client);
      const before = uncaught.length;
      link.send(pin.n, message, false);
      for (let waited = 0; waited < 2_000 && !link.dropped && link.outstanding() > 0; waited += 50) await sleep(50);
      await sleep(100);
      expect(uncaught.slice(before)).toEqual([]);
      expect(link.answerProblems(false)).toEqual([]);
      expect(await health()).toBe(200);
      if (!link.dropped) await client.leave();
    });
  }
});
