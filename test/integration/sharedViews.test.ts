import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../server/scenario/loadScenario.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

/**
 * The room shares one StateView between all connections of a kind of seat and re-adds only the collections the
 * session rewrote (server/room/seatViews.ts); the Control desk's upcoming list is shifted, not rebuilt
 * (stateProjection.ts). What changes inside a shared view after people joined must still reach every one of them,
 * nested texts included.
 */
const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

type Upcoming = { inject: string; title: Record<string, string>; to: string[] }[];
const upcomingOf = (seat: SeatClient): Upcoming =>
  (seat.room.state as unknown as { toJSON(): { control?: { upcoming?: Upcoming } } }).toJSON().control?.upcoming ?? [];
const openOf = (seat: SeatClient, org: string) =>
  (
    (
      seat.room.state as unknown as {
        toJSON(): { desks: Record<string, { openActions: { id: string; label: Record<string, string> }[] }> };
      }
    ).toJSON().desks[org]?.openActions ?? []
  ).map((a) => ({ id: a.id, label: a.label }));

describe('views shared by every connection of a kind of seat', () => {
  let t: TestServer;
  let scenario: Scenario;
  beforeAll(async () => {
    t = await startTestServer(2760, { scenariosDir: SCENARIOS_DIR });
    const loaded = await loadScenarioFile(`${SCENARIOS_DIR}router-worm.yaml`);
    if (!loaded.ok) throw new Error('router-worm.yaml does not load');
    scenario = loaded.scenario;
  });
  afterAll(() => t.close());

  it('the upcoming injects, with their titles and recipients, follow every delivery on each staff connection', async () => {
    const ex = await t.createExercise({ scenario: 'router-worm', autostart: true });
    const [cora, carl, eve] = await Promise.all([
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' }),
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Carl' }),
      SeatClient.join(t.ws, ex.roomId, { code: ex.codes.evaluator, name: 'Eve' }),
    ]);
    const staff = [cora, carl, eve];
    const expected = (list: Upcoming) =>
      list.map((u) => {
        const inject = scenario.injects.find((i) => i.id === u.inject)!;
        return { inject: inject.id, title: { ...inject.title }, to: [...inject.to] };
      });
    let before = '';
    for (let round = 0; round < 6; round++) {
      await expect.poll(() => upcomingOf(cora).length).toBeGreaterThan(0);
      const first = upcomingOf(cora)[0]!.inject;
      expect(first).not.toBe(before); // each delivery moved the list on
      before = first;
      await cora.must('control.fireNext', {});
      await expect.poll(() => upcomingOf(cora)[0]?.inject).not.toBe(first);
      for (const seat of staff) {
        await expect.poll(() => upcomingOf(seat)).toEqual(upcomingOf(cora));
        const shown = upcomingOf(seat).map(({ inject, title, to }) => ({ inject, title, to }));
        expect(shown).toEqual(expected(upcomingOf(seat)));
      }
    }
    await Promise.all(staff.map((s) => s.leave()));
  });

  it('a decision that opens after two people of one organisation joined reaches both, with its label', async () => {
    const fixtures = await startTestServer(2761, { scenariosDir: FIXTURES_DIR });
    try {
      const ex = await fixtures.createExercise({ scenario: 'two-banks', speed: 3600 });
      const control = await SeatClient.join(fixtures.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
      const [alice, anna, bob] = await Promise.all([
        SeatClient.join(fixtures.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' }),
        SeatClient.join(fixtures.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Anna' }),
        SeatClient.join(fixtures.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Bob' }),
      ]);
      await control.must('control.start', {});
      await expect.poll(() => openOf(anna, 'bank-a').map((a) => a.id)).toEqual(['report-ncsc']);
      await alice.must('act', { action: 'report-ncsc' }); // → coordination, where go-offline opens
      const goOffline = [{ id: 'go-offline', label: { en: 'Take online banking offline', nl: 'Haal internetbankieren offline' } }];
      await expect.poll(() => openOf(alice, 'bank-a')).toEqual(goOffline);
      await expect.poll(() => openOf(anna, 'bank-a')).toEqual(goOffline);
      expect(openOf(bob, 'bank-a')).toEqual([]); // another organisation's desk never reaches Bob
      await Promise.all([control, alice, anna, bob].map((s) => s.leave()));
    } finally {
      await fixtures.close();
    }
  });
});
