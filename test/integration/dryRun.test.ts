import { createWebSocketReceiver, type StatelyInspectionEvent } from '@statelyai/inspect';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/app/logger.ts';
import { main } from '../../server/cli/main.ts';
import { startPreview } from '../../server/preview/startPreview.ts';
import { simulateExercise } from '../../server/simulate/simulateExercise.ts';
import { RecordingProxy } from '../support/recordingProxy.ts';
import { ServerProcess } from '../support/serverProcess.ts';
import { fixtureText, fixtureWith, FIXTURE, scenarioFrom } from '../support/scenarioText.ts';
import { SeatClient } from '../support/seatClient.ts';
import { ADMIN_TOKEN, startTestServer, type CreatedExercise, type TestServer } from '../support/testServer.ts';

// Ports 2770–2779: this file's server, its recording proxy, a server watching its scenarios, a preview and its
// inspector, and a server in a child process.
const PORT = 2770;
const PROXY_PORT = 2771;
const WATCH_PORT = 2772;
const PREVIEW_PORT = 2773;
const INSPECT_PORT = 2774;
const CHILD_PORT = 2775;
const RESTART_PORT = 2776;
const ROOT = new URL('../../', import.meta.url).pathname;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(PORT);
});
afterAll(() => t.close());

interface EventRow {
  seq: number;
  type: string;
  atSeconds: number;
  actor: { role: string; name: string; organisation: string | null };
  action?: string;
  organisation?: string;
  text?: string;
  byControl?: boolean;
}
type ClockView = { clock: { status: string } };

async function events(id: string): Promise<EventRow[]> {
  return (await t.api(`/api/exercises/${id}/events`)).body as EventRow[];
}

/** Control starts a dry-run; resolves once its clock has ended (at 3600×, four exercise hours are four seconds). */
async function runToEnd(ex: CreatedExercise): Promise<SeatClient> {
  const control = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
  await control.must('control.start', {});
  // Messages go out before the state patch that shows the end, so every inject has arrived by then.
  await expect.poll(() => (control.room.state as unknown as ClockView).clock.status, { timeout: 30_000 }).toBe('ended');
  return control;
}

describe('a dry-run [dry-run]', () => {
  it('runs to its end at 3600× with automatic players, whose actions are stored like anyone’s and are those of `simulate`', async () => {
    const scenario = scenarioFrom(fixtureText());
    for (const [policy, seed] of [
      ['expected', 1],
      ['random', 3],
    ] as const) {
      const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600, dryRun: { policy, seed } });
      const control = await runToEnd(ex);
      const log = await events(ex.id);
      const played = log.filter((e) => e.type === 'action.taken' && !e.byControl);
      const simulated = simulateExercise(scenario, { policy, seed });
      // The same actions by the same organisations at the same exercise times, whatever the wall clock did.
      expect(played.map((e) => ({ action: e.action, by: e.organisation, atSeconds: e.atSeconds }))).toEqual(
        simulated.actions.filter((a) => !a.simulated).map((a) => ({ action: a.action, by: a.by, atSeconds: a.atSeconds })),
      );
      expect(played.length).toBeGreaterThan(0);
      // Taken from the seats: participants of their organisation, named as automatic players.
      for (const e of played)
        expect(e.actor).toEqual({ role: 'participant', name: `Automatic player (${policy})`, organisation: e.organisation });
      // And the exercise they played is the one `simulate` reports: every delivery, at its time.
      expect(control.injects().map((i) => ({ inject: i.id, atSeconds: i.atMs / 1000 }))).toEqual(
        simulated.deliveries.map((d) => ({ inject: d.inject, atSeconds: d.atSeconds })),
      );
      expect((await t.api(`/api/exercises/${ex.id}`)).body).toMatchObject({ status: 'ended', dryRun: { policy, seed } });
      await control.leave();
    }
  });

  it('goes on after the server is killed and restarted: the restored players neither repeat nor lose a turn', async () => {
    // `once: never`: a turn played twice would be accepted, and show as a second report.
    const text = fixtureWith(
      'by: [bank-a, bank-b], effects: { indicators: { media: 5 } }',
      'by: [bank-a, bank-b], once: never, effects: { indicators: { media: 5 } }',
    );
    const scenariosDir = mkdtempSync(join(tmpdir(), 'simcell-restart-scenarios-'));
    writeFileSync(join(scenariosDir, 'two-banks.yaml'), text);
    const server = await ServerProcess.start({
      port: RESTART_PORT,
      dataDir: mkdtempSync(join(tmpdir(), 'simcell-restart-')),
      scenariosDir,
    });
    try {
      const created = await server.api('/api/exercises', {
        method: 'POST',
        body: { scenario: 'two-banks', speed: 600, dryRun: { policy: 'expected', seed: 1 } },
      });
      const ex = created.body as CreatedExercise;
      const control = await SeatClient.join(server.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
      await control.must('control.start', {});
      const taken = async () =>
        ((await server.api(`/api/exercises/${ex.id}/events`)).body as EventRow[]).filter((e) => e.type === 'action.taken');
      await expect.poll(async () => (await taken()).length, { timeout: 20_000 }).toBeGreaterThan(0);
      await server.kill(); // SIGKILL, in the middle of the run
      await server.restart();

      const again = await SeatClient.join(server.ws, ex.roomId, { code: ex.codes.control, name: 'Cora' });
      expect(again.welcome.dryRun).toEqual({ policy: 'expected', seed: 1 });
      await again.must('control.speed', { speed: 3600 });
      await again.must('control.resume', {}); // a restored exercise waits for Control
      await expect.poll(() => (again.room.state as unknown as ClockView).clock.status, { timeout: 30_000 }).toBe('ended');
      const simulated = simulateExercise(scenarioFrom(text), { policy: 'expected', seed: 1 });
      expect((await taken()).map((e) => ({ action: e.action, by: e.organisation, atSeconds: e.atSeconds }))).toEqual(
        simulated.actions.filter((a) => !a.simulated).map((a) => ({ action: a.action, by: a.by, atSeconds: a.atSeconds })),
      );
      await again.leave();
    } finally {
      await server.stop();
    }
  });

  it('is marked as a dry-run in every listing and in Control’s welcome; a bad option changes nothing', async () => {
    const dry = await t.createExercise({ scenario: 'two-banks', dryRun: { policy: 'random', seed: 42 } });
    const live = await t.createExercise({ scenario: 'two-banks' });
    const listed = (await t.api('/api/exercises')).body as { id: string; dryRun?: unknown }[];
    expect(listed.find((x) => x.id === dry.id)?.dryRun).toEqual({ policy: 'random', seed: 42 });
    expect(listed.find((x) => x.id === live.id)).not.toHaveProperty('dryRun');
    expect((await t.api(`/api/exercises/${dry.id}`)).body).toMatchObject({ dryRun: { policy: 'random', seed: 42 } });
    // Defaults: the expected policy, seed 1.
    const plain = await t.createExercise({ scenario: 'two-banks', dryRun: {} });
    expect((await t.api(`/api/exercises/${plain.id}`)).body).toMatchObject({ dryRun: { policy: 'expected', seed: 1 } });

    const control = await SeatClient.join(t.ws, dry.roomId, { code: dry.codes.control, name: 'Cora' });
    expect(control.welcome.dryRun).toEqual({ policy: 'random', seed: 42 });
    const participant = await SeatClient.join(t.ws, dry.roomId, { code: dry.codes.organisations['bank-a']!, name: 'Alice' });
    expect(participant.welcome.dryRun).toBeUndefined();

    const before = ((await t.api('/api/exercises')).body as unknown[]).length;
    const bad = await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', dryRun: { policy: 'smart' } } });
    expect(bad).toMatchObject({ status: 400, body: { error: 'INVALID_REQUEST', field: 'dryRun.policy' } });
    const badSeed = await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', dryRun: { seed: -1 } } });
    expect(badSeed).toMatchObject({ status: 400, body: { error: 'INVALID_REQUEST', field: 'dryRun.seed' } });
    expect(((await t.api('/api/exercises')).body as unknown[]).length).toBe(before);
    await Promise.all([control, participant].map((s) => s.leave()));
  });
});

describe('watching an organisation in a dry-run', () => {
  it('receives exactly that organisation’s view, no byte of another’s, and may only watch', async () => {
    const proxy = await new RecordingProxy(PORT).listen(PROXY_PORT);
    const ex = await t.createExercise({ scenario: 'two-banks', speed: 3600, dryRun: { policy: 'expected', seed: 1 } });
    const watch = { code: ex.codes.organisations['bank-b']!, name: 'Cora (watching)', watch: true } as { code: string; name: string };
    const watcher = await SeatClient.join(`ws://127.0.0.1:${PROXY_PORT}`, ex.roomId, watch);
    const bob = await SeatClient.join(t.ws, ex.roomId, { code: ex.codes.organisations['bank-b']!, name: 'Bob' });
    const control = await runToEnd(ex);

    // The same injects, messages and log as a participant of bank-b, and nothing else.
    const ids = (seat: SeatClient) => seat.injects().map((i) => i.id);
    expect(ids(watcher)).toEqual(ids(bob));
    expect(ids(watcher)).toEqual(expect.arrayContaining(['headline', 'board-convened', 'decision-time']));
    expect(ids(watcher)).not.toContain('traffic-alert');
    expect(watcher.logs().map((l) => l.id)).toEqual(bob.logs().map((l) => l.id));
    expect(watcher.logs().every((l) => l.organisation === 'bank-b')).toBe(true);
    // On the wire: its own private material is there; bank-a's, the expectations and private indicators are not.
    expect(proxy.received('Do not share.')).toBe(true);
    expect(proxy.received('40 Gbit/s towards the login page.')).toBe(false);
    expect(proxy.received('Filter the botnet traffic.')).toBe(false);
    expect(proxy.received('early-warning')).toBe(false);
    expect(proxy.received('Media pressure')).toBe(false);

    // It may not act, and it is not counted among the people at the table.
    expect(await watcher.intent('act', { action: 'report-ncsc' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await watcher.intent('log.write', { kind: 'log', text: 'hello' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    const state = control.room.state as unknown as {
      organisations: Map<string, { online: number }>;
      control: { participants: Map<string, { name: string }> };
    };
    expect(state.organisations.get('bank-b')?.online).toBe(1); // Bob
    expect([...state.control.participants.values()].map((p) => p.name)).not.toContain('Cora (watching)');
    await Promise.all([watcher, bob, control].map((s) => s.leave()));
    await proxy.close();
  });

  it('is refused with a code that is not an organisation’s, and in an exercise that is not a dry-run', async () => {
    const dry = await t.createExercise({ scenario: 'two-banks', dryRun: { policy: 'none' } });
    const live = await t.createExercise({ scenario: 'two-banks' });
    const join = (ex: CreatedExercise, code: string) =>
      SeatClient.join(t.ws, ex.roomId, { code, name: 'Cora', watch: true } as { code: string; name: string });
    await expect(join(dry, dry.codes.control)).rejects.toThrow(/INVALID_JOIN: watch with an organisation’s code/);
    await expect(join(live, live.codes.organisations['bank-a']!)).rejects.toThrow(/INVALID_JOIN: only a dry-run can be watched/);
  });
});

describe('scenario files while the server runs in development', () => {
  it('a saved file is validated again: a planted error shows with its line, and goes when the file is fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simcell-watch-'));
    const file = join(dir, 'two-banks.yaml');
    copyFileSync(FIXTURE, file);
    const w = await startTestServer(WATCH_PORT, { scenariosDir: dir, watchScenarios: true });
    try {
      const problems = async () =>
        (await w.api('/api/scenarios/problems')).body as {
          watching: boolean;
          files: { file: string; problems: { file: string; line: number; column: number; message: string }[] }[];
        };
      const listed = async () => ((await w.api('/api/scenarios')).body as { id: string }[]).map((s) => s.id);
      expect(await problems()).toEqual({ watching: true, files: [] });
      expect(await listed()).toEqual(['two-banks']);

      const good = readFileSync(file, 'utf8');
      const line = good.split('\n').findIndex((l) => l.includes('channel: news')) + 1;
      writeFileSync(file, good.replace('channel: news', 'channel: newz'));
      await expect.poll(async () => (await problems()).files, { timeout: 10_000 }).toHaveLength(1);
      const [broken] = (await problems()).files;
      expect(broken!.file).toBe('two-banks.yaml');
      expect(broken!.problems[0]).toMatchObject({ file: 'two-banks.yaml', line, column: 14 });
      expect(broken!.problems[0]!.message).toMatch(/newz/);
      expect(await listed()).toEqual([]); // a broken file cannot start an exercise
      expect((await w.api('/api/scenarios/problems', { token: null })).status).toBe(401);

      writeFileSync(file, good);
      await expect.poll(async () => (await problems()).files, { timeout: 10_000 }).toEqual([]);
      expect(await listed()).toEqual(['two-banks']);
    } finally {
      await w.close();
    }
  });
});

describe('simcell preview', () => {
  it('refuses a broken file with file:line:column and bad options with their usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simcell-preview-test-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, fixtureText().replace('channel: news', 'channel: newz'));
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s) };
    expect(await main(['preview', broken], io)).toBe(1);
    expect(out.join('\n')).toMatch(new RegExp(`${broken}:\\d+:14: .*newz`));
    out.length = 0;
    expect(await main(['preview', FIXTURE, '--policy', 'smart'], io)).toBe(2);
    expect(out.join('\n')).toMatch(/--policy is one of none, expected, random, not "smart"/);
    expect(await main(['preview', FIXTURE, '--speed', '5000'], io)).toBe(2);
    expect(out.join('\n')).toMatch(/--speed is a number from 1 to 3600/);
  });

  it('creates the dry-run through the API and streams its machine to the Stately inspector over a local WebSocket', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'simcell-preview-data-'));
    const result = await startPreview({
      file: FIXTURE,
      dryRun: { policy: 'expected', seed: 1 },
      speed: 3600,
      config: { port: PREVIEW_PORT, host: '127.0.0.1', dataDir, adminToken: ADMIN_TOKEN, logLevel: 'silent', scenariosDir: dataDir },
      logger: createLogger('silent'),
      inspectPort: INSPECT_PORT,
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const { preview } = result;
    const seen: StatelyInspectionEvent[] = [];
    try {
      expect(preview.controlUrl).toBe(`http://127.0.0.1:${PREVIEW_PORT}/control?exercise=${preview.exercise.id}#token=${ADMIN_TOKEN}`);
      const receiver = createWebSocketReceiver({ server: `ws://127.0.0.1:${INSPECT_PORT}` });
      const subscription = receiver.subscribe((event) => void seen.push(event));
      const control = await SeatClient.join(`ws://127.0.0.1:${PREVIEW_PORT}`, preview.exercise.id, {
        code: preview.exercise.codes.control,
        name: 'Author',
      });
      expect(control.welcome.dryRun).toEqual({ policy: 'expected', seed: 1 });
      await control.must('control.start', {});
      await expect.poll(() => (control.room.state as unknown as ClockView).clock.status, { timeout: 30_000 }).toBe('ended');
      // The relay keeps the latest events for a late reader: the machine, with its definition, and its snapshots.
      await expect.poll(() => seen.some((e) => e.type === '@xstate.actor' && (e.definition ?? '').includes('coordination'))).toBe(true);
      await expect
        .poll(() => seen.some((e) => e.type === '@xstate.snapshot' && JSON.stringify(e.snapshot).includes('coordination')), {
          timeout: 10_000,
        })
        .toBe(true);
      subscription.unsubscribe();
      await control.leave();
    } finally {
      await preview.close();
    }
  });
});

describe('the Stately inspector', () => {
  /** Runs `script` in a fresh Node process (TypeScript through tsx) and reports every module it resolved from @statelyai. */
  function statelyModulesLoadedBy(script: string): { loaded: string[]; stdout: string } {
    const hook = `export async function resolve(s, c, next) { if (s.includes('@statelyai')) process.stderr.write('LOADED ' + s + '\\n'); return next(s, c); }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_ENV: 'development' } },
    );
    if (child.status !== 0) throw new Error(`the child failed (${child.status}): ${child.stderr}`);
    return { loaded: [...child.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1]!), stdout: child.stdout };
  }

  it('is never loaded by the server, not even running a dry-run in development; only the preview’s inspector loads it, when started', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'simcell-child-'));
    const server = statelyModulesLoadedBy(`
      const { createSimcellServer } = await import('./server/app/createSimcellServer.ts');
      const { createLogger } = await import('./server/app/logger.ts');
      const server = await createSimcellServer({
        config: { port: ${CHILD_PORT}, host: '127.0.0.1', dataDir: ${JSON.stringify(dataDir)}, adminToken: ${JSON.stringify(ADMIN_TOKEN)},
                  logLevel: 'silent', scenariosDir: 'test/fixtures' },
        logger: createLogger('silent'),
        watchScenarios: true,
      });
      const res = await fetch('http://127.0.0.1:${CHILD_PORT}/api/exercises', {
        method: 'POST',
        headers: { authorization: 'Bearer ${ADMIN_TOKEN}', 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'two-banks', speed: 3600, autostart: true, dryRun: {} }),
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await server.close();
      process.stdout.write('dry-run ' + res.status + '\\n');
      process.exit(0);
    `);
    expect(server.stdout).toContain('dry-run 201');
    expect(server.loaded).toEqual([]);
    // The probe does see the package when the preview's inspector module loads it.
    const preview = statelyModulesLoadedBy(
      `await import('./server/preview/startMachineInspector.ts').then((m) => m.startMachineInspector); process.exit(0);`,
    );
    expect(preview.loaded).toEqual([]); // loaded on demand: importing the module is not enough
    const started = statelyModulesLoadedBy(`
      const { startMachineInspector } = await import('./server/preview/startMachineInspector.ts');
      const inspector = await startMachineInspector(${CHILD_PORT});
      inspector.stop();
      process.exit(0);
    `);
    expect(started.loaded).toEqual(['@statelyai/inspect', '@statelyai/inspect/server']);
  });
});
