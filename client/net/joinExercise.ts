import { ErrorCode } from '@colyseus/sdk';
import { JOIN_REFUSAL } from '../../shared/protocol/errorCodes.ts';
import type { JoinOptions } from '../../shared/protocol/intents.ts';
import { Connection } from './Connection.ts';
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

const WELCOME_WAIT_MS = 4000;

/** Joins an exercise with a code and a name, and resolves once the seat's `welcome` has arrived. */
export async function joinExercise(request: JoinRequest): Promise<JoinOutcome> {
  const found = await findRoom(request.code, request.exercise);
  if ('error' in found) return { ok: false, error: found.error, detail: '' };
  const connection = new Connection();
  const client = new SimcellClient(colyseusEndpoint(), (room) => connection.attach(room));
  const options: JoinOptions = { code: request.code.trim(), name: request.name.trim(), ...(request.seat ? { seat: request.seat } : {}) };
  try {
    await (found.roomId ? client.joinById(found.roomId, options) : client.join('exercise', options));
  } catch (error) {
    return { ok: false, error: joinErrorOf(error), detail: (error as Error).message ?? '' };
  }
  // The welcome is normally already here; if it was lost, ask for it again.
  if (!(await settlesWithin(connection.ready, WELCOME_WAIT_MS))) {
    connection.room.send('sync', { ref: 'sync' });
    if (!(await settlesWithin(connection.ready, WELCOME_WAIT_MS)))
      return { ok: false, error: 'NETWORK', detail: 'no welcome from the server' };
  }
  if (!(await settlesWithin(connection.stateReady, WELCOME_WAIT_MS)))
    return { ok: false, error: 'NETWORK', detail: 'no state from the server' };
  return { ok: true, connection };
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
