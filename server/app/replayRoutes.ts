import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { Viewer } from '../exercise/audience.ts';
import { replayTimeline, replayView, type ReplaySource } from '../exercise/replayView.ts';
import { resolveCode } from '../room/joinCodes.ts';
import type { JoinAttemptLimiter } from '../room/joinAttemptLimiter.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/exerciseStore.ts';
import { tokenMatches } from './adminToken.ts';

export interface ReplayRouteDeps {
  readonly store: ExerciseStore;
  readonly adminToken: string;
  readonly joinAttempts: JoinAttemptLimiter;
}

/** Join codes that may open a replay: the seats that see the whole exercise live anyway. */
const REPLAY_CODE_KINDS = ['control', 'evaluator', 'observer'] as const;

const ReplayQuerySchema = z.strictObject({
  seq: z
    .string()
    .regex(/^\d{1,9}$/, { message: 'seq is a whole number of events (0 = before the first)' })
    .transform(Number)
    .optional(),
  seat: z.string().min(1).max(120).optional(),
});

/**
 * The replay of an exercise over HTTP (docs/api.md § Replay): the event timeline for a scrubber, and any seat's
 * view after any number of events, filtered on the server exactly as that seat's connection was
 * (server/exercise/replayView.ts). Control reads it with the admin token; Control, evaluators and observers in
 * the browser with their own join code (`Authorization: Code <code>`), which is counted like a join attempt
 * when it is wrong. Participants' and the big screen's codes never open it.
 */
export function createReplayRoutes({ store, adminToken, joinAttempts }: ReplayRouteDeps): express.Router {
  const routes = express.Router();

  /** The exercise, if the request may replay it; otherwise the answer has been sent. */
  const authorised = async (req: Request, res: Response): Promise<ExerciseRecord | undefined> => {
    const address = joinAttempts.addressOf(req.headers, req.socket.remoteAddress);
    const wait = joinAttempts.blockedFor(address, Date.now());
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return void res.status(429).json({ error: 'TOO_MANY_ATTEMPTS', message: 'too many wrong codes from this address' });
    }
    const [scheme = '', ...rest] = (req.headers.authorization ?? '').trim().split(/\s+/);
    const credential = rest.join(' ');
    const id = String(req.params.id);
    const record = await store.getExercise(id);
    if (/^bearer$/i.test(scheme) && tokenMatches(adminToken, credential)) {
      if (!record) return void res.status(404).json({ error: 'UNKNOWN_EXERCISE', message: `no exercise "${id}"` });
      return record;
    }
    if (/^code$/i.test(scheme) && credential) {
      const meaning = record ? resolveCode(record.codes, credential) : undefined;
      if (!record || !meaning) {
        // An unknown exercise answers like a wrong code: ids cannot be probed with a code.
        joinAttempts.recordFailure(address, Date.now());
        return void res.status(401).json({ error: 'WRONG_CODE', message: 'this code does not open this exercise' });
      }
      if (!(REPLAY_CODE_KINDS as readonly string[]).includes(meaning.kind))
        return void res.status(403).json({
          error: 'NOT_ALLOWED',
          message: 'the replay is for Control, evaluators and observers; a participant’s or the big screen’s code does not open it',
        });
      return record;
    }
    res.status(401).json({
      error: 'UNAUTHORIZED',
      message: 'send "Authorization: Bearer <admin token>" or "Authorization: Code <control, evaluator or observer code>"',
    });
    return undefined;
  };

  routes.get('/api/exercises/:id/replay/timeline', async (req, res) => {
    const record = await authorised(req, res);
    if (!record) return;
    const source = await sourceOf(store, record);
    res.json({
      exercise: { id: record.id, name: record.name, status: record.status },
      scenario: { id: record.scenarioId, title: source.scenario.title, languages: source.scenario.languages },
      seats: seatsOf(source.scenario),
      events: replayTimeline(source),
    });
  });

  routes.get('/api/exercises/:id/replay', async (req, res) => {
    const query = ReplayQuerySchema.safeParse(req.query);
    if (!query.success) {
      const issue = query.error.issues[0]!;
      return void res.status(400).json({ error: 'INVALID_REQUEST', field: issue.path.join('.') || null, message: issue.message });
    }
    const record = await authorised(req, res);
    if (!record) return;
    const source = await sourceOf(store, record);
    const last = source.events.length;
    const seq = query.data.seq ?? last;
    if (seq > last)
      return void res
        .status(400)
        .json({ error: 'INVALID_REQUEST', field: 'seq', message: `seq is between 0 and ${last}: this exercise has ${last} events` });
    const seatName = query.data.seat ?? 'control';
    const viewer = viewerOf(source.scenario, seatName);
    if (!viewer) {
      const seats = seatsOf(source.scenario).map((s) => s.id);
      return void res
        .status(400)
        .json({ error: 'INVALID_REQUEST', field: 'seat', message: `no seat "${seatName}"; the seats are ${seats.join(', ')}`, seats });
    }
    const view = replayView(source, seq, viewer);
    res.json({
      exercise: { id: record.id, name: record.name, status: record.status },
      seq,
      lastSeq: last,
      atMs: view.atMs,
      seat: { id: seatName, role: viewer.role, organisation: viewer.organisation, seat: viewer.seat },
      scenario: view.scenario,
      ...view.history,
      state: view.state,
      stateBytes: Buffer.from(view.stateBytes).toString('base64'),
    });
  });

  return routes;
}

async function sourceOf(store: ExerciseStore, record: ExerciseRecord): Promise<ReplaySource> {
  return {
    exerciseId: record.id,
    name: record.name,
    scenario: record.scenario as Scenario,
    speed: record.speed,
    events: await store.events(record.id),
  };
}

/**
 * The seats a replay can take: `control` (everything the staff saw; never the join codes), `screen` (public
 * material only), each organisation (its participants without a seat) and each `organisation/seat`.
 */
function seatsOf(scenario: Scenario): { id: string; kind: 'control' | 'screen' | 'organisation' | 'seat' }[] {
  return [
    { id: 'control', kind: 'control' as const },
    { id: 'screen', kind: 'screen' as const },
    ...scenario.organisations.flatMap((o) => [
      { id: o.id, kind: 'organisation' as const },
      ...o.seats.map((s) => ({ id: `${o.id}/${s.id}`, kind: 'seat' as const })),
    ]),
  ];
}

function viewerOf(scenario: Scenario, seat: string): Viewer | undefined {
  // The staff view is an evaluator's: everything Control saw except the join codes.
  if (seat === 'control') return { role: 'evaluator', organisation: null, seat: null };
  if (seat === 'screen') return { role: 'screen', organisation: null, seat: null };
  const [orgId, seatId] = seat.split('/');
  const org = scenario.organisations.find((o) => o.id === orgId);
  if (!org || seat.split('/').length > 2) return undefined;
  if (seatId === undefined) return { role: 'participant', organisation: org.id, seat: null };
  return org.seats.some((s) => s.id === seatId) ? { role: 'participant', organisation: org.id, seat: seatId } : undefined;
}
