import { getMessageBytes, Protocol, Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import type { z } from 'zod';
import { ERROR_CODES, JOIN_REFUSAL, type ErrorCode } from '../../shared/protocol/errorCodes.ts';
import { ParticipantState, type ExerciseState } from '../../shared/protocol/exerciseState.ts';
import { INTENT_ROLES, INTENT_SCHEMAS, INTENT_TYPES, JoinOptionsSchema, type IntentType } from '../../shared/protocol/intents.ts';
import { STAFF_ROLES, type Role } from '../../shared/protocol/roles.ts';
import type { ServerMessages } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { services } from '../app/services.ts';
import type { Logger } from '../app/logger.ts';
import { canSee } from '../exercise/audience.ts';
import { SYSTEM_ACTOR, type NewEvent } from '../exercise/exerciseEvent.ts';
import { ExerciseSession, type Output, type SessionSeat } from '../exercise/exerciseSession.ts';
import { forViewer } from '../exercise/injectView.ts';
import type { ExerciseRecord, ExerciseStore, JoinCodes } from '../store/exerciseStore.ts';
import { generateCode, resolveCode } from './joinCodes.ts';
import { MessageGuard } from './messageGuard.ts';
import { SeatDirectory, participantIdOf } from './seatDirectory.ts';
import { createSeatView, refreshSeatView } from './seatViews.ts';
import { SerialQueue } from './serialQueue.ts';

export interface ExerciseRoomOptions {
  readonly exerciseId: string;
}

interface SeatClient extends Client {
  auth: SessionSeat;
  userData: { guard: MessageGuard; dropped?: boolean };
}

/** How long a dropped connection keeps its place before it counts as having left. */
const RECONNECT_SECONDS = 120;
/** Even with nothing due, the room refreshes the clock this often. */
const HEARTBEAT_MS = 1000;

/**
 * One exercise on the network: joins with codes, per-seat views, and intents that pass the guard (size,
 * rate), the role check and the schema, then run one at a time through validate → store → apply → send.
 * The exercise itself is the ExerciseSession; this class only connects it to clients and the store.
 */
export class ExerciseRoom extends Room<{ state: ExerciseState }> {
  private session!: ExerciseSession;
  private record!: ExerciseRecord;
  private store!: ExerciseStore;
  private log!: Logger;
  private seats!: SeatDirectory;
  private readonly queue = new SerialQueue();
  private wake: { clear(): void } | undefined;

  override async onCreate(options: ExerciseRoomOptions): Promise<void> {
    const { store, logger } = services();
    this.store = store;
    this.log = logger.child({ exercise: options.exerciseId });
    const record = await store.getExercise(options.exerciseId);
    if (!record) throw new Error(`no exercise "${options.exerciseId}" in the store`);
    this.record = record;
    this.roomId = record.id;
    this.autoDispose = false;
    this.maxMessagesPerSecond = Infinity; // the MessageGuard answers floods with an error instead of a disconnect
    const scenario = record.scenario as Scenario;
    this.session = new ExerciseSession({ exerciseId: record.id, name: record.name, scenario, speed: record.speed });
    this.seats = new SeatDirectory(scenario.organisations.filter((o) => !o.simulated).map((o) => o.id));
    const events = await store.events(record.id);
    this.session.replay(events);
    this.setState(this.session.state);
    this.showCodes();
    if (events.length && this.session.status === 'running') {
      // Restored after a restart: time did not pass while the server was down, so the exercise waits for Control.
      await this.commit({ atMs: this.session.nowMs, wallMs: this.wallNow(), actor: SYSTEM_ACTOR, body: { type: 'clock.paused' } });
      this.state.control.notice = 'Restored after a server restart and paused. Resume when everyone is back.';
    }
    for (const type of INTENT_TYPES) this.onMessage(type, (client: SeatClient, payload: unknown) => this.receive(client, type, payload));
    this.onMessage('*', (client: SeatClient, type: unknown, payload: unknown) => {
      // A message whose type is literally "*" arrives as (client, payload, context): its "type" is then a payload.
      const shifted = typeof type === 'object' && type !== null;
      const name = shifted ? '*' : typeof type === 'string' || typeof type === 'number' ? String(type) : 'undefined';
      const body = shifted ? type : payload;
      const guard = client.userData.guard.check(body, this.wallNow());
      if (!guard.ok) return this.reject(client, name, refOf(body), guard.code, guard.message);
      this.reject(
        client,
        name,
        refOf(body),
        ERROR_CODES.UNKNOWN_MESSAGE,
        `unknown message type "${name}"; the types are listed in docs/protocol.md`,
      );
    });
    this.clock.setInterval(() => void this.queue.run(() => this.advance()), HEARTBEAT_MS);
    this.log.info('exercise.opened', { scenario: scenario.id, replayed: events.length });
  }

  override onAuth(_client: Client, options: unknown, context: AuthContext): SessionSeat {
    const address = context.ip ?? 'unknown';
    const wait = services().joinAttempts.blockedFor(address, this.wallNow());
    if (wait > 0)
      throw new ServerError(
        JOIN_REFUSAL.TOO_MANY_ATTEMPTS,
        `${ERROR_CODES.TOO_MANY_ATTEMPTS}: too many wrong codes from this address; try again in ${Math.ceil(wait / 1000)} s`,
      );
    const parsed = JoinOptionsSchema.safeParse(options);
    if (!parsed.success)
      throw new ServerError(
        JOIN_REFUSAL.INVALID_JOIN,
        `${ERROR_CODES.INVALID_JOIN}: join with { code, name }: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    const { code, name, seat } = parsed.data;
    const meaning = resolveCode(this.record.codes, code);
    if (!meaning) {
      services().joinAttempts.recordFailure(address, this.wallNow());
      this.log.warn('join.wrong-code', { address });
      throw new ServerError(JOIN_REFUSAL.WRONG_CODE, `${ERROR_CODES.WRONG_CODE}: this code does not open this exercise`);
    }
    let role: Role;
    let organisation: string | null = null;
    if (meaning.kind === 'organisation') {
      role = 'participant';
      organisation = meaning.organisation;
    } else if (meaning.kind === 'class') {
      role = 'participant';
      organisation = this.seats.classAssignment(name) ?? null;
      if (!organisation)
        throw new ServerError(JOIN_REFUSAL.WRONG_CODE, `${ERROR_CODES.WRONG_CODE}: this exercise has no organisation for students`);
    } else role = meaning.kind;
    const scenario = this.session.scenario;
    if (
      seat !== undefined &&
      organisation !== null &&
      !scenario.organisations.find((o) => o.id === organisation)?.seats.some((s) => s.id === seat)
    ) {
      const seats = scenario.organisations.find((o) => o.id === organisation)?.seats.map((s) => s.id) ?? [];
      // A mistyped seat must not widen what the person sees (no seat sees all of the organisation [O3]).
      throw new ServerError(
        JOIN_REFUSAL.INVALID_JOIN,
        `${ERROR_CODES.INVALID_JOIN}: no seat "${seat}" in ${organisation}${seats.length ? `; the seats are ${seats.join(', ')}` : ''}`,
      );
    }
    const knownSeat =
      seat !== undefined &&
      organisation !== null &&
      scenario.organisations.find((o) => o.id === organisation)?.seats.some((s) => s.id === seat);
    return { role, organisation, seat: knownSeat ? seat : null, name, participantId: participantIdOf(role, organisation, name) };
  }

  override onJoin(client: SeatClient): void {
    const seat = client.auth;
    client.userData = { guard: new MessageGuard() };
    client.view = createSeatView(this.state, seat);
    this.seats.connect(seat);
    this.updatePresence(seat);
    this.welcome(client);
    this.log.info('seat.joined', { seat: seat.participantId, role: seat.role, organisation: seat.organisation });
  }

  override async onDrop(client: SeatClient): Promise<void> {
    this.seats.disconnect(client.auth.participantId);
    client.userData.dropped = true;
    this.updatePresence(client.auth);
    await this.allowReconnection(client, RECONNECT_SECONDS);
  }

  override onReconnect(client: SeatClient): void {
    client.userData.dropped = false;
    this.seats.connect(client.auth);
    this.updatePresence(client.auth);
    this.welcome(client); // what was sent while it was away
  }

  override onLeave(client: SeatClient): void {
    if (!client.userData.dropped) this.seats.disconnect(client.auth.participantId); // a dropped connection was counted out already
    this.updatePresence(client.auth);
  }

  /** Whatever a handler throws is logged; no message, however hostile, stops the process [bad input]. */
  override onUncaughtException(error: unknown, method: string): void {
    this.log.error('room.exception', { method, error: error instanceof Error ? error.message : 'non-error thrown' });
  }

  override onDispose(): void {
    this.wake?.clear();
  }

  /** A new code for a seat; the old one stops opening the exercise (people already in stay). */
  private async reissueCode(seat: string): Promise<void> {
    const codes = this.record.codes;
    const fresh = generateCode();
    const next: JoinCodes = ['control', 'evaluator', 'observer', 'screen', 'class'].includes(seat)
      ? { ...codes, [seat]: fresh }
      : { ...codes, organisations: { ...codes.organisations, [seat]: fresh } };
    await this.store.setCodes(this.record.id, next);
    this.record = { ...this.record, codes: next };
    this.showCodes();
  }

  /** The stored status follows the clock; written only when it changes, as it is on the path of every event. */
  private async saveStatus(): Promise<void> {
    if (this.record.status === this.session.status) return;
    this.record = { ...this.record, status: this.session.status };
    await this.store.setStatus(this.record.id, this.session.status);
  }

  /** Control's view of the join codes. */
  private showCodes(): void {
    const { organisations, ...seats } = this.record.codes;
    for (const [seat, code] of Object.entries({ ...seats, ...organisations })) this.state.secrets.codes.set(seat, code);
  }

  /** Starts the exercise for the HTTP API (`autostart`), through the matchmaker's remote call. */
  async startFromApi(): Promise<void> {
    await this.queue.run(async () => {
      if (this.session.status === 'ready')
        await this.commit({ atMs: 0, wallMs: this.wallNow(), actor: SYSTEM_ACTOR, body: { type: 'exercise.started' } });
    });
  }

  /** Wall time: read here, at the edge, and passed into the session. */
  protected wallNow(): number {
    return Date.now();
  }

  private receive(client: SeatClient, type: IntentType, payload: unknown): void {
    const ref = refOf(payload);
    const guard = client.userData.guard.check(payload, this.wallNow());
    if (!guard.ok) {
      if (guard.shouldLog) this.log.warn('message.refused', { seat: client.auth.participantId, type, code: guard.code });
      return this.reject(client, type, ref, guard.code, guard.message);
    }
    if (!INTENT_ROLES[type].includes(client.auth.role))
      return this.reject(client, type, ref, ERROR_CODES.NOT_ALLOWED, `a ${client.auth.role} may not send "${type}"`);
    const schema = INTENT_SCHEMAS[type] as z.ZodType;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.reject(
        client,
        type,
        ref,
        ERROR_CODES.INVALID_PAYLOAD,
        `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    if (type === 'sync') {
      void this.queue.run(() => this.welcome(client)); // in the queue, so nothing sent before it is missing from it
      return;
    }
    void this.queue.run(async () => {
      await this.advance();
      const prepared = this.session.prepare(type, parsed.data as never, client.auth, this.wallNow());
      if (!prepared.ok) return this.reject(client, type, ref, prepared.code, prepared.message);
      const seq = await this.commit(prepared.event);
      if (seq === undefined)
        return this.reject(client, type, ref, ERROR_CODES.STORE_FAILED, 'the exercise could not store this; nothing changed');
      if (prepared.event.body.type === 'code.reissued') await this.reissueCode(prepared.event.body.seat);
      this.tell(client, 'accepted', { ...(ref ? { ref } : {}), type, seq });
    });
  }

  /**
   * Moves the exercise to the clock's time. When that changed anything, the moment is stored before anyone
   * is told, so a replay reaches the same state.
   */
  private async advance(): Promise<void> {
    const wallMs = this.wallNow();
    const { outputs, changed } = this.session.tick(wallMs);
    if (changed) {
      this.refreshViews();
      try {
        await this.store.append(this.record.id, { atMs: this.session.nowMs, wallMs, actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } });
        await this.saveStatus();
      } catch (error) {
        this.log.error('store.failed', { error: String(error), type: 'time.advanced' });
      }
      this.fanOut(outputs);
    }
    this.armWake();
  }

  /** Stores an event, then applies it and sends what it caused. Resolves to its number, or undefined. */
  private async commit(event: NewEvent): Promise<number | undefined> {
    let stored;
    try {
      stored = await this.store.append(this.record.id, event);
    } catch (error) {
      this.log.error('store.failed', { error: String(error), type: event.body.type });
      return undefined;
    }
    const outputs = this.session.apply(stored);
    this.refreshViews();
    this.fanOut(outputs);
    await this.saveStatus().catch(() => undefined);
    this.armWake();
    return stored.seq;
  }

  /** Re-adds visible structures to the views of the seats whose structures changed; see refreshSeatView. */
  private refreshViews(): void {
    const { desks, control } = this.session.takeViewChanges();
    if (!desks.length && !control) return;
    for (const client of this.clients as unknown as SeatClient[]) {
      const seat = client.auth;
      if (!seat || !client.view) continue;
      const staff = isStaff(seat.role);
      if ((staff && (control || desks.length)) || (seat.organisation !== null && desks.includes(seat.organisation)))
        refreshSeatView(this.state, seat, client.view);
    }
  }

  /**
   * Sends each output to the connections whose seat may see it, and to no other. Each output is encoded once
   * (an inject twice: with `expects` for the staff, without for everyone else) and the same bytes go to every
   * recipient: per-client encoding was a third of the fan-out's cost.
   */
  private fanOut(outputs: readonly Output[]): void {
    for (const output of outputs) {
      let full: Uint8Array | undefined;
      let trimmed: Uint8Array | undefined;
      for (const client of this.clients as unknown as SeatClient[]) {
        if (!client.auth || !canSee(output.audience, client.auth)) continue;
        const trim = output.kind === 'inject' && (client.auth.role === 'participant' || client.auth.role === 'screen');
        if (trim) client.enqueueRaw((trimmed ??= encode('inject', forViewer(output.view, client.auth))));
        else client.enqueueRaw((full ??= encode(output.kind, output.view)));
      }
    }
  }

  private welcome(client: SeatClient): void {
    const s = this.session.scenario;
    this.tell(client, 'welcome', {
      seat: {
        role: client.auth.role,
        organisation: client.auth.organisation,
        seat: client.auth.seat,
        name: client.auth.name,
        participantId: client.auth.participantId,
      },
      ...this.session.historyFor(client.auth),
      scenario: {
        id: s.id,
        title: { ...s.title },
        languages: s.languages,
        personas: s.personas.map((p) => ({ id: p.id, name: { ...p.name }, ...(p.organisation ? { organisation: p.organisation } : {}) })),
        ...(isStaff(client.auth.role)
          ? {
              staff: {
                phases: s.phases.map((p) => ({ id: p.id, title: { ...p.title } })),
                objectives: s.objectives.map((o) => ({ id: o.id, text: { ...o.text } })),
                actions: s.actions.map((a) => ({ id: a.id, label: { ...a.label }, by: a.by, report: a.report })),
              },
            }
          : {}),
      },
    });
  }

  private updatePresence(seat: SessionSeat): void {
    if (seat.organisation) {
      const org = this.state.organisations.get(seat.organisation);
      if (org) org.online = this.seats.onlineIn(seat.organisation);
    }
    const participants = this.state.control.participants;
    const existing = participants.get(seat.participantId);
    const connected = this.seats.isConnected(seat.participantId);
    if (existing) existing.connected = connected;
    else
      participants.set(
        seat.participantId,
        new ParticipantState().assign({
          id: seat.participantId,
          name: seat.name,
          role: seat.role,
          organisation: seat.organisation ?? '',
          seat: seat.seat ?? '',
          connected,
        }),
      );
  }

  /** Wakes the room when the next inject or transition is due, so deliveries are not late by a heartbeat. */
  private armWake(): void {
    this.wake?.clear();
    const delay = this.session.wallDelayToNext(this.wallNow());
    if (Number.isFinite(delay) && delay < HEARTBEAT_MS)
      this.wake = this.clock.setTimeout(() => void this.queue.run(() => this.advance()), Math.max(1, Math.ceil(delay)));
  }

  private tell<K extends keyof ServerMessages>(client: Client, type: K, message: ServerMessages[K]): void {
    client.send(type, message);
  }

  private reject(client: Client, type: string, ref: string | undefined, code: ErrorCode, message: string): void {
    this.tell(client, 'rejected', { ...(ref ? { ref } : {}), type, code, message });
  }
}

/** The client's correlation id, if the payload carries a usable one. */
function refOf(payload: unknown): string | undefined {
  const ref = typeof payload === 'object' && payload !== null ? (payload as { ref?: unknown }).ref : undefined;
  return typeof ref === 'string' ? ref.slice(0, 64) : undefined;
}

/** A server message as the bytes Colyseus would send for `client.send(type, message)`. */
function encode<K extends keyof ServerMessages>(type: K, message: ServerMessages[K]): Uint8Array {
  return getMessageBytes.raw(Protocol.ROOM_DATA, type, message);
}

function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
