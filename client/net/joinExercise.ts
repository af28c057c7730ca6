import { ErrorCode } from '@colyseus/sdk';
import { JOIN_REFUSAL } from '../../shared/protocol/errorCodes.ts';
import type { JoinOptions } from '../../shared/protocol/intents.ts';
import { Connection, type RoomArrival } from './Connection.ts';
import { colyseusEndpoint } from './endpoint.ts';
import { findRoom } from './findRoom.ts';
import { SimcellClient } from './SimcellClient.ts';

export type JoinError = 'WRONG_CODE' | 'INVALID_JOIN' | 'TOO_MANY_ATTEMPTS' | 'NOT_FOUND' | 'NETWORK';
export type JoinOutcome =
  { readonly ok: true; readonly connection: Connection } | { readonly ok: false; readonly error: JoinError; readonly detail: string };

export interface JoinRequest extends JoinOptions {
  /** The exercise id from a link, if the link had one. */
  readonly exercise: string | null;
}

type Entered = { readonly ok: true } | { readonly ok: false; readonly error: JoinError; readonly detail: string };

const WELCOME_WAIT_MS = 4000;
/** Refusals that joining again cannot change: the code no longer opens the exercise, or the join is malformed. */
const FINAL: readonly JoinError[] = ['WRONG_CODE', 'INVALID_JOIN'];

/**
 * Joins an exercise with a code and a name, and resolves once the seat's `welcome` and state have arrived.
 * The connection keeps the request: when its room is lost for good (a server restart invalidates the SDK's
 * reconnection token), it joins again the same way — same code, name and seat, so the same participant —
 * asking the server where the code leads now rather than trusting the room it was in.
 */
export async function joinExercise(request: JoinRequest): Promise<JoinOutcome> {
  const connection: Connection = new Connection(async () => {
    const entered = await enterRoom(connection, request, null);
    if (entered.ok) return 'joined';
    return FINAL.includes(entered.error) ? 'refused' : 'retry';
  });
  const entered = await enterRoom(connection, request, request.exercise);
  return entered.ok ? { ok: true, connection } : entered;
}

/** One join of a room for `connection`: find the room, join it, wait for welcome and state, adopt it. */
async function enterRoom(connection: Connection, request: JoinRequest, hinted: string | null): Promise<Entered> {
  const found = await findRoom(request.code, hinted);
  if ('error' in found) return { ok: false, error: found.error, detail: '' };
  let arrival: RoomArrival | undefined;
  const client = new SimcellClient(colyseusEndpoint(), (room) => (arrival = connection.attach(room)));
  const options: JoinOptions = {
    code: request.code.trim(),
    name: request.name.trim(),
    ...(request.seat ? { seat: request.seat } : {}),
    ...(request.watch ? { watch: true } : {}),
  };
  try {
    await (found.roomId ? client.joinById(found.roomId, options) : client.join('exercise', options));
  } catch (error) {
    const refused = joinErrorOf(error);
    // A link's exercise id that opens no room (any more): ask the server where the code leads.
    if (hinted && refused === 'NOT_FOUND') return enterRoom(connection, request, null);
    return { ok: false, error: refused, detail: (error as Error).message ?? '' };
  }
  if (!arrival) return { ok: false, error: 'NETWORK', detail: 'the room was not created' };
  // The welcome is normally already here; if it was lost, ask for it again.
  if (!(await settlesWithin(arrival.welcomed, WELCOME_WAIT_MS))) {
    arrival.room.send('sync', { ref: 'sync' });
    if (!(await settlesWithin(arrival.welcomed, WELCOME_WAIT_MS))) return abandon(arrival, 'no welcome from the server');
  }
  if (!(await settlesWithin(arrival.stateArrived, WELCOME_WAIT_MS))) return abandon(arrival, 'no state from the server');
  connection.adopt(arrival.room);
  return { ok: true };
}

/** A room that joined but never delivered is left, so it does not linger as a second seat. */
function abandon(arrival: RoomArrival, detail: string): Entered {
  void arrival.room.leave(true).catch(() => undefined);
  return { ok: false, error: 'NETWORK', detail };
}

function joinErrorOf(error: unknown): JoinError {
  const code = (error as { code?: number }).code;
  if (code === JOIN_REFUSAL.WRONG_CODE) return 'WRONG_CODE';
  if (code === JOIN_REFUSAL.INVALID_JOIN) return 'INVALID_JOIN';
  if (code === JOIN_REFUSAL.TOO_MANY_ATTEMPTS) return 'TOO_MANY_ATTEMPTS';
  if (code === ErrorCode.MATCHMAKE_INVALID_ROOM_ID || code === ErrorCode.MATCHMAKE_INVALID_CRITERIA) return 'NOT_FOUND';
  const message = (error as Error).message ?? '';
  if (message.startsWith('WRONG_CODE')) return 'WRONG_CODE';
  return 'NETWORK';
}

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
}
