import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/main.ts';
import { ExerciseSession } from '../../server/exercise/exerciseSession.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { SqliteExerciseStore } from '../../server/store/sqliteExerciseStore.ts';
import { SeatClient } from '../support/seatClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2716);
});
afterAll(() => t.close());

/** What a Control seat knows of an exercise, without what differs between two copies of it (ids, codes, who is online). */
function comparable(control: SeatClient) {
  const state = (control.room.state as unknown as { toJSON(): Record<string, unknown> }).toJSON();
  const {
    exerciseId: _id,
    secrets: _codes,
    organisations,
    control: desk,
    ...rest
  } = state as {
    exerciseId: string;
    secrets: unknown;
    organisations: Record<string, object>;
    control: { participants: unknown; notice: unknown };
  };
  const { participants: _who, notice: _notice, ...deskRest } = desk;
  const orgs = Object.fromEntries(Object.entries(organisations).map(([k, v]) => [k, { ...v, online: 0 }]));
  return {
    ...rest,
    organisations: orgs,
    control: deskRest,
    injects: control.injects(),
    messages: control.messages(),
    logs: control.logs(),
  };
}

describe('exercise archives', () => {
  it('an imported archive replays to exactly the original’s final state', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    const bob = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Bob' });
    await control.must('control.start', {});
    await alice.waitForInject('traffic-alert');
    await alice.must('acknowledge', { inject: 'traffic-alert' });
    await alice.must('act', { action: 'report-ncsc' });
    await alice.must('message.send', { to: ['bank-b', 'ncsc'], tlp: 'TLP:AMBER', subject: 'Status', body: 'Login page down since 09:12.' });
    await bob.must('log.write', { kind: 'sitrep', text: 'No impact on Bank B yet.' });
    await control.must('control.indicator', { indicator: 'availability', value: 55 });
    await bob.waitForInject('decision-time', 10_000);
    await bob.must('act', { action: 'go-offline' });
    await control.must('control.adhoc', {
      channel: 'news',
      from: 'reporter',
      to: ['ncsc', 'bank-a', 'bank-b'],
      tlp: 'TLP:CLEAR',
      title: { en: 'Ministry speaks', nl: 'Ministerie spreekt' },
      body: { en: 'A statement.', nl: 'Een verklaring.' },
    });
    await control.must('control.end', {});
    await expect.poll(() => (control.room.state as unknown as { clock: { status: string } }).clock.status).toBe('ended');
    const original = comparable(control);

    const archive = await t.api(`/api/exercises/${ex.id}/archive`);
    expect(archive.status).toBe(200);
    expect(archive.body).toMatchObject({ format: 'simcell-archive/1', exercise: { id: ex.id, status: 'ended' } });
    expect(JSON.stringify(archive.body)).not.toContain(ex.codes.control); // no join codes in an archive

    const imported = await t.api('/api/exercises/import', { method: 'POST', body: archive.body });
    expect(imported.status).toBe(201);
    const copy = imported.body as { id: string; roomId: string; codes: { control: string } };
    expect(copy.id).not.toBe(ex.id); // the original id is taken on this server
    const copyControl = await SeatClient.join(t.ws, copy.roomId, { code: copy.codes.control, name: 'Cora' });
    await expect.poll(() => comparable(copyControl)).toEqual(original);
    await Promise.all([control, alice, bob, copyControl].map((s) => s.leave()));
  });

  it('a dry-run stays a dry-run through its archive', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', dryRun: { policy: 'none', seed: 7 } });
    const archive = await t.api(`/api/exercises/${ex.id}/archive`);
    expect(archive.body).toMatchObject({ exercise: { dryRun: { policy: 'none', seed: 7 } } });
    const imported = await t.api('/api/exercises/import', { method: 'POST', body: archive.body });
    expect(imported.status).toBe(201);
    const copy = await t.api(`/api/exercises/${(imported.body as { id: string }).id}`);
    expect(copy.body).toMatchObject({ dryRun: { policy: 'none', seed: 7 } });
  });

  it('refuses an archive that is not one, naming what is wrong', async () => {
    const notArchive = await t.api('/api/exercises/import', { method: 'POST', body: { format: 'simcell-archive/1', events: 'many' } });
    expect(notArchive.status).toBe(400);
    expect(notArchive.body).toMatchObject({
      error: 'INVALID_ARCHIVE',
      problems: expect.arrayContaining([expect.stringContaining('exercise')]),
    });
    const ex = await t.createExercise({ scenario: 'two-banks', autostart: true });
    const archive = (await t.api(`/api/exercises/${ex.id}/archive`)).body as { scenarioSource: string; events: { seq: number }[] };
    const badScenario = await t.api('/api/exercises/import', {
      method: 'POST',
      body: { ...archive, scenarioSource: archive.scenarioSource.replace('to: [bank-b]', 'to: [bank-c]') },
    });
    expect(badScenario.body).toMatchObject({ problems: [expect.stringMatching(/^archive:.*:\d+:\d+: unknown organisation "bank-c"/)] });
    const renumbered = await t.api('/api/exercises/import', {
      method: 'POST',
      body: { ...archive, events: archive.events.map((e) => ({ ...e, seq: e.seq + 1 })) },
    });
    expect(renumbered.body).toMatchObject({ problems: ['events.0: expected seq 1, found 2'] });
    expect((await t.api('/api/exercises/import', { method: 'POST', body: archive, token: null })).status).toBe(401);
  });

  it('`simcell import` restores an archive into another data directory, replaying to the same state', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600, autostart: true });
    const alice = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-a']!, name: 'Alice' });
    await alice.waitForInject('traffic-alert');
    await alice.must('act', { action: 'report-ncsc' });
    await alice.leave();
    const archive = (await t.api(`/api/exercises/${ex.id}/archive`)).body as { events: unknown[]; scenarioSource: string };
    const file = join(mkdtempSync(join(tmpdir(), 'simcell-archive-')), 'archive.json');
    writeFileSync(file, JSON.stringify(archive));
    const dataDir = mkdtempSync(join(tmpdir(), 'simcell-import-'));
    let out = '';
    const previous = process.env.SIMCELL_DATA_DIR;
    process.env.SIMCELL_DATA_DIR = dataDir;
    try {
      expect(await main(['import', file], { out: (s) => (out += `${s}\n`), err: (s) => (out += `${s}\n`) })).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.SIMCELL_DATA_DIR;
      else process.env.SIMCELL_DATA_DIR = previous;
    }
    expect(out).toContain(`Imported exercise ${ex.id}`);
    const store = new SqliteExerciseStore(join(dataDir, 'simcell.db'));
    const record = (await store.getExercise(ex.id))!;
    const replay = (events: Awaited<ReturnType<typeof store.events>>) => {
      const session = new ExerciseSession({ exerciseId: 'x', name: 'x', scenario: record.scenario as Scenario });
      for (const e of events) session.apply(e);
      return { state: session.state.toJSON(), history: session.historyFor({ role: 'control', organisation: null, seat: null }) };
    };
    expect(replay(await store.events(ex.id))).toEqual(replay(archive.events as never));
    await store.close();
  });
});
