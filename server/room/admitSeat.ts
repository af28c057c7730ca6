import { ServerError } from '@colyseus/core';
import { ERROR_CODES, JOIN_REFUSAL } from '../../shared/protocol/errorCodes.ts';
import { JoinOptionsSchema } from '../../shared/protocol/intents.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { SessionSeat } from '../exercise/exerciseSession.ts';
import type { JoinCodes } from '../store/exerciseStore.ts';
import { resolveCode } from './joinCodes.ts';
import { participantIdOf } from './seatDirectory.ts';

/** A seat; `watching`: a dry-run's organisation watched by its code, which sees what its participants see and sends nothing. */
export type RoomSeat = SessionSeat & { readonly watching?: boolean };

export interface AdmissionContext {
  readonly codes: JoinCodes;
  readonly dryRun: boolean;
  readonly scenario: Scenario;
  /** The organisation for a class-code student (stored by the room), or undefined when there is none. */
  placeStudent(name: string): Promise<string | undefined>;
  /** Called before a wrong code is refused: the room counts it against the address. */
  wrongCode(): void;
}

/**
 * Who a join is: the options are checked, the code says which seat it opens, and a seat id must be one of the
 * organisation's. Every refusal is a ServerError with its close code and a message that starts with the error
 * code (docs/protocol.md § Refusals).
 */
export async function admitSeat(options: unknown, ctx: AdmissionContext): Promise<RoomSeat> {
  const parsed = JoinOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new ServerError(
      JOIN_REFUSAL.INVALID_JOIN,
      `${ERROR_CODES.INVALID_JOIN}: join with { code, name }: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const { code, name, seat, watch } = parsed.data;
  const meaning = resolveCode(ctx.codes, code);
  if (!meaning) {
    ctx.wrongCode();
    throw new ServerError(JOIN_REFUSAL.WRONG_CODE, `${ERROR_CODES.WRONG_CODE}: this code does not open this exercise`);
  }
  if (watch && (meaning.kind !== 'organisation' || !ctx.dryRun))
    throw new ServerError(
      JOIN_REFUSAL.INVALID_JOIN,
      `${ERROR_CODES.INVALID_JOIN}: ${meaning.kind !== 'organisation' ? 'watch with an organisation’s code' : 'only a dry-run can be watched; join without "watch" to take part'}`,
    );
  let role: Role;
  let organisation: string | null = null;
  if (meaning.kind === 'organisation') {
    role = 'participant';
    organisation = meaning.organisation;
  } else if (meaning.kind === 'class') {
    role = 'participant';
    organisation = (await ctx.placeStudent(name)) ?? null;
    if (!organisation)
      throw new ServerError(JOIN_REFUSAL.WRONG_CODE, `${ERROR_CODES.WRONG_CODE}: this exercise has no organisation for students`);
  } else role = meaning.kind;
  const seats = ctx.scenario.organisations.find((o) => o.id === organisation)?.seats.map((s) => s.id) ?? [];
  // A mistyped seat must not widen what the person sees (no seat sees all of the organisation [O3]).
  if (seat !== undefined && organisation !== null && !seats.includes(seat))
    throw new ServerError(
      JOIN_REFUSAL.INVALID_JOIN,
      `${ERROR_CODES.INVALID_JOIN}: no seat "${seat}" in ${organisation}${seats.length ? `; the seats are ${seats.join(', ')}` : ''}`,
    );
  return {
    role,
    organisation,
    seat: seat !== undefined && organisation !== null ? seat : null,
    name,
    participantId: participantIdOf(role, organisation, name),
    ...(watch ? { watching: true } : {}),
  };
}
