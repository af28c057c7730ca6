import { matchMaker } from '@colyseus/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MAX_SPEED, MIN_SPEED } from '../../shared/exerciseClock.ts';
import { buildArchive, importArchive } from '../exercise/exerciseArchive.ts';
import { generateJoinCodes, resolveCode } from '../room/joinCodes.ts';
import type { JoinAttemptLimiter } from '../room/joinAttemptLimiter.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/exerciseStore.ts';
import { requireAdminToken } from './adminToken.ts';
import type { Logger } from './logger.ts';
import { DryRunSchema } from '../preview/dryRunSchema.ts';
import type { ScenarioLibrary } from './scenarioLibrary.ts';

const CreateExerciseSchema = z.strictObject({
  scenario: z.string().min(1).max(80),
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional(),
  autostart: z.boolean().optional(),
  name: z.string().trim().min(1).max(120).optional(),
  /** A dry-run: automatic players in every played seat (server/preview). */
  dryRun: DryRunSchema.optional(),
});

export interface ApiDeps {
  readonly joinAttempts: JoinAttemptLimiter;
  readonly store: ExerciseStore;
  readonly library: ScenarioLibrary;
  readonly adminToken: string;
  readonly logger: Logger;
}

/** The HTTP API (docs/api.md): scenarios for anyone, exercises for the operator's token. */
export function createHttpApi({ store, library, adminToken, logger, joinAttempts }: ApiDeps): express.Router {
  const api = express.Router();
  api.use((req, res, next) => (req.path === '/exercises/import' ? next() : express.json({ limit: '64kb' })(req, res, next)));

  const requireToken = requireAdminToken(adminToken);

  api.get('/scenarios', (_req, res) => {
    res.json(
      library.all().map((s) => ({
        id: s.id,
        title: s.title,
        summary: s.summary,
        audience: s.audience,
        languages: s.languages,
        durationSeconds: s.durationSeconds,
        organisations: s.organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, sector: o.sector, simulated: o.simulated })),
      })),
    );
  });

  // What is wrong in the scenario files, as `file:line:column: message`; kept up to date while the folder is watched.
  api.get('/scenarios/problems', requireToken, (_req, res) => void res.json(library.problems()));

  api.post('/exercises', requireToken, async (req, res) => {
    const parsed = CreateExerciseSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      res.status(400).json({ error: 'INVALID_REQUEST', field: issue.path.join('.') || null, message: issue.message });
      return;
    }
    const scenario = library.get(parsed.data.scenario);
    if (!scenario) {
      res.status(404).json({ error: 'UNKNOWN_SCENARIO', message: `no scenario "${parsed.data.scenario}"`, scenarios: library.ids() });
      return;
    }
    const id = randomBytes(9).toString('base64url');
    const record: ExerciseRecord = {
      id,
      name: parsed.data.name ?? scenario.title.en ?? scenario.id,
      scenarioId: scenario.id,
      scenario,
      scenarioSource: library.source(scenario.id)!,
      codes: generateJoinCodes(scenario.organisations.map((o) => o.id)),
      speed: parsed.data.speed ?? 1,
      createdAt: new Date().toISOString(),
      status: 'ready',
      ...(parsed.data.dryRun ? { dryRun: parsed.data.dryRun } : {}),
    };
    await store.createExercise(record);
    const room = await matchMaker.createRoom('exercise', { exerciseId: id });
    if (parsed.data.autostart) await matchMaker.remoteRoomCall(room.roomId, 'startFromApi');
    logger.info('exercise.created', { exercise: id, scenario: scenario.id, dryRun: record.dryRun ?? null });
    res.status(201).json({ id, roomId: room.roomId, codes: record.codes });
  });

  api.get('/exercises', requireToken, async (_req, res) => {
    const records = await store.listExercises();
    res.json(records.map(summary));
  });

  api.get('/exercises/:id', requireToken, async (req, res) => {
    const record = await store.getExercise(String(req.params.id));
    if (!record) return void res.status(404).json({ error: 'UNKNOWN_EXERCISE', message: `no exercise "${String(req.params.id)}"` });
    res.json({ ...summary(record), codes: record.codes });
  });

  api.get('/exercises/:id/archive', requireToken, async (req, res) => {
    const record = await store.getExercise(String(req.params.id));
    if (!record) return void res.status(404).json({ error: 'UNKNOWN_EXERCISE', message: `no exercise "${String(req.params.id)}"` });
    res.setHeader('Content-Disposition', `attachment; filename="simcell-${record.id}.json"`);
    res.json(buildArchive(record, await store.events(record.id), new Date().toISOString()));
  });

  api.post('/exercises/import', requireToken, express.json({ limit: '50mb' }), async (req, res) => {
    const result = await importArchive(store, req.body);
    if (!result.ok) return void res.status(400).json({ error: 'INVALID_ARCHIVE', problems: result.problems });
    const room = await matchMaker.createRoom('exercise', { exerciseId: result.record.id });
    logger.info('exercise.imported', { exercise: result.record.id, events: (req.body as { events: unknown[] }).events.length });
    res.status(201).json({ id: result.record.id, roomId: room.roomId, codes: result.record.codes });
  });

  api.get('/exercises/:id/events', requireToken, async (req, res) => {
    const record = await store.getExercise(String(req.params.id));
    if (!record) return void res.status(404).json({ error: 'UNKNOWN_EXERCISE', message: `no exercise "${String(req.params.id)}"` });
    const events = await store.events(record.id);
    res.json(
      events.map((e) => ({
        seq: e.seq,
        type: e.body.type,
        atSeconds: e.atMs / 1000,
        wallTime: new Date(e.wallMs).toISOString(),
        actor: { role: e.actor.role, name: e.actor.name, organisation: e.actor.organisation },
        ...payloadOf(e.body),
      })),
    );
  });

  // A typed join code → its exercise, for the start page. Misses count as wrong codes, like joins do.
  api.get('/codes/:code', async (req, res) => {
    const address = joinAttempts.addressOf(req.headers, req.socket.remoteAddress);
    const wait = joinAttempts.blockedFor(address, Date.now());
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return void res.status(429).json({ error: 'TOO_MANY_ATTEMPTS', message: 'too many wrong codes from this address' });
    }
    for (const record of await store.listExercises()) {
      if (resolveCode(record.codes, String(req.params.code)))
        return void res.json({ exerciseId: record.id, roomId: record.id, name: record.name });
    }
    joinAttempts.recordFailure(address, Date.now());
    res.status(404).json({ error: 'WRONG_CODE', message: 'this code does not open an exercise on this server' });
  });

  api.use((_req, res) => void res.status(404).json({ error: 'NOT_FOUND', message: 'no such API path; see docs/api.md' }));

  // Bad JSON and anything unexpected: a clear code, never a stack trace or a path.
  api.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed')
      return void res.status(400).json({ error: 'INVALID_JSON', message: 'the request body is not valid JSON' });
    if (status === 413)
      return void res.status(413).json({ error: 'TOO_LARGE', message: 'the request body is too large (64 kB, or 50 MB for an archive)' });
    logger.error('api.failed', { error: String(error) });
    res.status(500).json({ error: 'INTERNAL', message: 'the server could not complete this request' });
  });
  return api;
}

function summary(r: ExerciseRecord) {
  return {
    id: r.id,
    roomId: r.id,
    name: r.name,
    scenario: r.scenarioId,
    status: r.status,
    speed: r.speed,
    createdAt: r.createdAt,
    ...(r.dryRun ? { dryRun: r.dryRun } : {}),
  };
}

function payloadOf(body: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...rest } = body;
  return rest;
}
