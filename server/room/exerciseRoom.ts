import type { IncomingMessage } from 'node:http';
import { getMessageBytes, Protocol, Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import type { z } from 'zod';
import { ERROR_CODES, JOIN_REFUSAL, type ErrorCode } from '../../shared/protocol/errorCodes.ts';
import { ParticipantState, type ExerciseState } from '../../shared/protocol/exerciseState.ts';
import { INTENT_ROLES, INTENT_SCHEMAS, INTENT_TYPES, type IntentType } from '../../shared/protocol/intents.ts';
import { STAFF_ROLES, type Role } from '../../shared/protocol/roles.ts';
import type { ServerMessages } from '../../shared/protocol/serverMessages.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { services } from '../app/services.ts';
import type { Logger } from '../app/logger.ts';
import { DryRunPlayers, type Submitted } from '../preview/dryRunPlayers.ts';
import { canSee } from '../exercise/audience.ts';
import { SYSTEM_ACTOR, type NewEvent } from '../exercise/exerciseEvent.ts';
import { ExerciseSession, type Output, type SessionSeat } from '../exercise/exerciseSession.ts';
import { forViewer } from '../exercise/injectView.ts';
import type { ExerciseRecord, ExerciseStore, JoinCodes } from '../store/exerciseStore.ts';
import { admitSeat, type RoomSeat } from './admitSeat.ts';
import { generateCode } from './joinCodes.ts';
import { MessageGuard } from './messageGuard.ts';
import { SeatDirectory } from './seatDirectory.ts';
import { SeatViews } from './seatViews.ts';
import { dropEmptyPatches } from './dropEmptyPatches.ts';
import { SerialQueue } from './serialQueue.ts';

export interface ExerciseRoomOptions {
  readonly exerciseId: string;
}

interface SeatClient extends Client {
  auth: RoomSeat;
  userData: { guard: MessageGuard; dropped?: boolean };
}

/** How long a dropped connection keeps its place before it counts as having left. */
const RECONNECT_SECONDS = 120;
/** Even with nothing due, the room refreshes the clock this often. */
const HEARTBEAT_MS = 1000;
/**
 * Who is online reaches the state at most this often: every write is a patch to every connection, so in a join
 * storm (3,000 people in a minute) writing each join at once would send each connection twenty patches a second.
 */
const PRESENCE_MS = 250;

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
  private views!: SeatViews;
  /** Seats whose presence changed since it was last written, and the timer that will write it. */
  private readonly presenceChanged = new Map<string, SessionSeat>();
  private presenceTimer: { clear(): void } | undefined;
  private readonly queue = new SerialQueue();
  private wake: { clear(): void } | undefined;
  /** A dry-run's automatic players (server/preview). */
  private players: DryRunPlayers | undefined;

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
    if (record.dryRun) this.players = new DryRunPlayers(this.session, record.dryRun, this.log);
    const events = await store.events(record.id);
    this.session.replay(events);
    for (const { name, organisation } of this.session.classAssignments) this.seats.rememberClassSeat(name, organisation);
    this.players?.afterReplay();
    this.setState(this.session.state);
    this.views = new SeatViews(this.state);
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

  override async onAuth(_client: Client, options: unknown, context: AuthContext): Promise<RoomSeat> {
    // Colyseus's context.ip believes forwarding headers; the limiter decides whether to (SIMCELL_TRUST_PROXY).
    const request = context.req as IncomingMessage | undefined;
    const address = services().joinAttempts.addressOf(request?.headers ?? {}, request?.socket.remoteAddress ?? context.ip);
    const wait = services().joinAttempts.blockedFor(address, this.wallNow());
    if (wait > 0)
      throw new ServerError(
        JOIN_REFUSAL.TOO_MANY_ATTEMPTS,
        `${ERROR_CODES.TOO_MANY_ATTEMPTS}: too many wrong codes from this address; try again in ${Math.ceil(wait / 1000)} s`,
      );
    return admitSeat(options, {
      codes: this.record.codes,
      dryRun: this.record.dryRun !== undefined,
      scenario: this.session.scenario,
      placeStudent: (name: string) => this.placeStudent(name),
      wrongCode: () => {
        services().joinAttempts.recordFailure(address, this.wallNow());
        this.log.warn('join.wrong-code', { address });
      },
    });
  }

  /**
   * The organisation for a class-code student: where this name was placed before, else the one with the fewest
   * people. A new placement is stored (in the queue, so two students joining at once are counted one after the
   * other) and so survives a restart.
   */
  private async placeStudent(name: string): Promise<string | undefined> {
    let placed: string | undefined;
    await this.queue.run(async () => {
      placed = this.seats.classOrganisationOf(name);
      if (placed) return;
      placed = this.seats.classAssignment(name);
      if (!placed) return;
      this.seats.rememberClassSeat(name, placed);
      const body = { type: 'seat.assigned' as const, name, organisation: placed };
      await this.commit({ atMs: this.session.nowMs, wallMs: this.wallNow(), actor: SYSTEM_ACTOR, body });
    });
    return placed;
  }

  override onJoin(client: SeatClient): void {
    const seat = client.auth;
    client.userData = { guard: new MessageGuard() };
    client.view = this.views.viewFor(seat);
    dropEmptyPatches(client);
    if (!seat.watching) {
      this.seats.connect(seat);
      this.updatePresence(seat);
    }
    this.welcome(client);
    this.log.info('seat.joined', { seat: seat.participantId, role: seat.role, organisation: seat.organisation, watching: !!seat.watching });
  }

  override async onDrop(client: SeatClient): Promise<void> {
    client.userData.dropped = true;
    if (!client.auth.watching) {
      this.seats.disconnect(client.auth.participantId);
      this.updatePresence(client.auth);
    }
    // The wait ends without the person when the time is up or the room closes (a shutdown): both are normal
    // ends of a seat, not errors; Colyseus then calls onLeave either way.
    await this.allowReconnection(client, RECONNECT_SECONDS).catch(() => undefined);
  }

  override onReconnect(client: SeatClient): void {
    client.userData.dropped = false;
    dropEmptyPatches(client);
    if (!client.auth.watching) {
      this.seats.connect(client.auth);
      this.updatePresence(client.auth);
    }
    this.welcome(client); // what was sent while it was away
  }

  override onLeave(client: SeatClient): void {
    if (client.auth.watching) return; // a watching seat was never counted in
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
    if (client.auth.watching && type !== 'sync')
      return this.reject(client, type, ref, ERROR_CODES.NOT_ALLOWED, 'a watching seat only watches; join without "watch" to take part');
    const checked = this.check(client.auth, type, payload);
    if (!checked.ok) return this.reject(client, type, ref, checked.code, checked.message);
    if (type === 'sync') {
      void this.queue.run(() => this.welcome(client)); // in the queue, so nothing sent before it is missing from it
      return;
    }
    void this.queue.run(async () => {
      await this.advance();
      const result = await this.submit(client.auth, type, checked.intent);
      if (!result.ok) return this.reject(client, type, ref, result.code, result.message);
      this.tell(client, 'accepted', { ...(ref ? { ref } : {}), type, seq: result.seq });
    });
  }

  /** What every intent must pass before the exercise looks at it: the seat's role, then the payload's schema. */
  private check(
    seat: SessionSeat,
    type: IntentType,
    payload: unknown,
  ): { readonly ok: true; readonly intent: unknown } | Extract<Submitted, { ok: false }> {
    if (!INTENT_ROLES[type].includes(seat.role))
      return { ok: false, code: ERROR_CODES.NOT_ALLOWED, message: `a ${seat.role} may not send "${type}"` };
    const parsed = (INTENT_SCHEMAS[type] as z.ZodType).safeParse(payload);
    if (parsed.success) return { ok: true, intent: parsed.data };
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      code: ERROR_CODES.INVALID_PAYLOAD,
      message: `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`,
    };
  }

  /** Checks a checked intent against the exercise as it is now, then stores and applies it: every seat's path. */
  private async submit(seat: SessionSeat, type: IntentType, intent: unknown): Promise<Submitted> {
    const prepared = this.session.prepare(type, intent as never, seat, this.wallNow());
    if (!prepared.ok) return prepared;
    const seq = await this.commit(prepared.event);
    if (seq === undefined)
      return { ok: false, code: ERROR_CODES.STORE_FAILED, message: 'the exercise could not store this; nothing changed' };
    if (prepared.event.body.type === 'code.reissued') await this.reissueCode(prepared.event.body.seat);
    return { ok: true, seq };
  }

  /** The path a dry-run's automatic players take: the same checks and the same submit as a connection's intents. */
  private readonly playersRoom = {
    commit: (event: NewEvent) => this.commit(event),
    submit: (seat: SessionSeat, type: IntentType, payload: unknown): Promise<Submitted> => {
      const checked = this.check(seat, type, payload);
      return checked.ok ? this.submit(seat, type, checked.intent) : Promise.resolve(checked);
    },
  };

  /**
   * Moves the exercise to the clock's time. When that changed anything, the moment is stored before anyone
   * is told, so a replay reaches the same state.
   */
  private async advance(): Promise<void> {
    const wallMs = this.wallNow();
    if (this.players) await this.players.play(wallMs, this.state.clock, this.playersRoom);
    const { outputs, changed } = this.session.tick(wallMs, true);
    if (changed) {
      try {
        await this.store.append(this.record.id, { atMs: this.session.nowMs, wallMs, actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } });
        await this.saveStatus();
      } catch (error) {
        this.log.error('store.failed', { error: String(error), type: 'time.advanced' });
      }
      this.fanOut(outputs);
      // Then the derived lists and the views that show them, in one step (see SeatViews): the next patch carries them.
      this.session.refreshLists();
      this.refreshViews();
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

  /** Re-adds visible structures to the shared views whose structures changed; see SeatViews.refresh. */
  private refreshViews(): void {
    const { desks, control } = this.session.takeViewChanges();
    this.views.refresh(desks, control);
  }

  /**
   * Sends each output to the connections whose seat may see it, and to no other. Each output is encoded once
   * (an inject twice: with `expects` for the staff, without for everyone else) and the same bytes go to every
   * recipient: per-client encoding was a third of the fan-out's cost. An inject's staff copy goes out after the
   * participants' copies: they are the many, and Control, first to connect, would otherwise hold them all up by
   * an encoding and a send.
   */
  private fanOut(outputs: readonly Output[]): void {
    for (const output of outputs) {
      let full: Uint8Array | undefined;
      let trimmed: Uint8Array | undefined;
      const staff: SeatClient[] = [];
      for (const client of this.clients as unknown as SeatClient[]) {
        if (!client.auth || !canSee(output.audience, client.auth)) continue;
        const trim = output.kind === 'inject' && (client.auth.role === 'participant' || client.auth.role === 'screen');
        if (trim) client.enqueueRaw((trimmed ??= encode('inject', forViewer(output.view, client.auth))));
        else if (output.kind === 'inject') staff.push(client);
        else client.enqueueRaw((full ??= encode(output.kind, output.view)));
      }
      for (const client of staff) client.enqueueRaw((full ??= encode(output.kind, output.view)));
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
      ...(isStaff(client.auth.role) && this.record.dryRun ? { dryRun: this.record.dryRun } : {}),
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

  /** Notes that a seat came or went; the state follows within PRESENCE_MS, all changes since in one write. */
  private updatePresence(seat: SessionSeat): void {
    this.presenceChanged.set(seat.participantId, seat);
    this.presenceTimer ??= this.clock.setTimeout(() => {
      this.presenceTimer = undefined;
      for (const changed of this.presenceChanged.values()) this.writePresence(changed);
      this.presenceChanged.clear();
    }, PRESENCE_MS);
  }

  private writePresence(seat: SessionSeat): void {
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
    const wallMs = this.wallNow();
    const delay = Math.min(this.session.wallDelayToNext(wallMs), this.players?.wallDelay(this.state.clock, wallMs) ?? Infinity);
    if (Number.isFinite(delay) && delay < HEARTBEAT_MS) {
      // A Node timer, not the room's clock: that clock only ticks with the 50 ms patch, which made a due inject wait up to 50 ms.
      const timer = setTimeout(() => void this.queue.run(() => this.advance()), Math.max(1, Math.ceil(delay)));
      this.wake = { clear: () => clearTimeout(timer) };
    }
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
