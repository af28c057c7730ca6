import { Callbacks, type Room } from '@colyseus/sdk';
import type { DryRun } from '../../shared/protocol/dryRun.ts';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { Intent, IntentType } from '../../shared/protocol/intents.ts';
import type {
  InjectView,
  LogEntryView,
  MessageView,
  ScenarioSummaryView,
  SeatInfo,
  ServerMessages,
} from '../../shared/protocol/serverMessages.ts';
import { Emitter } from './Emitter.ts';

export type LinkStatus = 'online' | 'reconnecting' | 'closed';
export type IntentResult =
  { readonly ok: true; readonly seq: number } | { readonly ok: false; readonly code: string; readonly message: string };

interface ConnectionEvents {
  welcome: () => void;
  inject: (view: InjectView) => void;
  message: (view: MessageView) => void;
  log: (view: LogEntryView) => void;
  /** The synced state changed (at most once per animation frame). */
  state: () => void;
  status: (status: LinkStatus) => void;
}

/** A room the SDK has created for this connection, and when its first `welcome` and state arrive. */
export interface RoomArrival {
  readonly room: Room;
  readonly welcomed: Promise<void>;
  readonly stateArrived: Promise<void>;
}

/**
 * How the connection gets back into its exercise when its room is gone for good (the server restarted, so
 * the SDK's reconnection token means nothing to it): `joined`, `retry` later, or `refused` for good.
 */
export type Reopen = () => Promise<'joined' | 'retry' | 'refused'>;

const REPLY_TIMEOUT_MS = 10_000;
/** Waits between rejoin attempts: quick at first, then every few seconds for as long as it takes. */
const REJOIN_DELAYS_MS = [500, 1000, 2000, 3000, 5000];

/**
 * One seat's link to an exercise: the room, who we are, and everything the server has sent us. It mirrors;
 * it decides nothing. A repeated `welcome` (after a reconnect or a rejoin) is merged by id, so nothing shows
 * twice. When the room is lost without our asking — the SDK could not reconnect, or the server restarted —
 * the connection joins again by itself with its code and name (`reopen`), and stays `reconnecting` until
 * it is back; only a refusal (the code no longer opens the exercise) closes it.
 */
export class Connection extends Emitter<ConnectionEvents> {
  /** The room in use: the first one that delivered its welcome and state, or the latest rejoined one. */
  room!: Room<never, ExerciseState>;
  seat!: SeatInfo;
  scenario!: ScenarioSummaryView;
  /** For the staff of a dry-run: the automatic players' policy and seed. */
  dryRun: DryRun | undefined;
  status: LinkStatus = 'online';
  readonly injects = new Map<string, InjectView>();
  readonly messages = new Map<string, MessageView>();
  readonly logs = new Map<string, LogEntryView>();
  private readonly replies = new Map<string, (result: IntentResult) => void>();
  private refCounter = 0;
  private frame = 0;
  private leaving = false;
  private rejoining = false;

  constructor(private readonly reopen?: Reopen) {
    super();
  }

  /**
   * Registers every server message type on a room the SDK has just created (see SimcellClient), before its
   * socket opens. The room becomes this connection's room when the joiner adopts it, once both its welcome
   * and its state are in, so a screen never reads a half-filled state while a rejoin is under way.
   */
  attach(room: Room): RoomArrival {
    let welcomed!: () => void;
    let stateArrived!: () => void;
    const arrival: RoomArrival = {
      room,
      welcomed: new Promise<void>((resolve) => (welcomed = resolve)),
      stateArrived: new Promise<void>((resolve) => (stateArrived = resolve)),
    };
    const on = <K extends keyof ServerMessages>(type: K, handler: (payload: ServerMessages[K]) => void) => room.onMessage(type, handler);
    on('welcome', (w) => {
      this.onWelcome(w, room);
      welcomed();
    });
    on('inject', (v) => this.add(this.injects, v, 'inject'));
    on('message', (v) => this.add(this.messages, v, 'message'));
    on('log', (v) => this.add(this.logs, v, 'log'));
    on('accepted', (a) => this.reply(a.ref, { ok: true, seq: a.seq }));
    on('rejected', (r) => this.reply(r.ref, { ok: false, code: r.code, message: r.message }));
    room.onStateChange(() => {
      stateArrived();
      if (room === this.room) this.scheduleStateEvent();
    });
    room.onDrop(() => {
      if (room === this.room) this.setStatus('reconnecting');
    });
    room.onReconnect(() => {
      if (room === this.room) this.setStatus('online');
    });
    room.onLeave(() => {
      if (room === this.room) this.lost();
    });
    return arrival;
  }

  get state(): ExerciseState {
    return this.room.state;
  }

  /** The schema callbacks, for widgets that animate a particular change. */
  callbacks() {
    return Callbacks.get(this.room);
  }

  /** Sends an intent and resolves with the room's answer to it. */
  send<T extends IntentType>(type: T, payload: Omit<Intent<T>, 'ref'>): Promise<IntentResult> {
    // While the room is gone for good nothing can carry the intent; saying so at once beats a silent wait.
    if (this.rejoining || this.status === 'closed')
      return Promise.resolve({ ok: false, code: 'NETWORK', message: 'not connected to the exercise' });
    const ref = `c${++this.refCounter}`;
    return new Promise<IntentResult>((resolve) => {
      const timer = setTimeout(
        () => this.reply(ref, { ok: false, code: 'NETWORK', message: 'no answer from the server' }),
        REPLY_TIMEOUT_MS,
      );
      this.replies.set(ref, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.room.send(type, { ...payload, ref });
    });
  }

  async leave(): Promise<void> {
    this.leaving = true;
    await this.room.leave(true).catch(() => undefined);
  }

  /** Makes a room whose welcome and state have arrived the one in use; after a rejoin, tells the screens. */
  adopt(room: Room): void {
    if (this.leaving) {
      if (room !== this.room) void room.leave(true).catch(() => undefined);
      return;
    }
    const rejoined = this.room !== undefined && room !== this.room;
    this.room = room as Room<never, ExerciseState>;
    if (!rejoined) return;
    this.rejoining = false;
    this.setStatus('online');
    this.emit('welcome');
    this.scheduleStateEvent();
  }

  /** The room is gone without our asking: join again, for as long as the server does not refuse us. */
  private lost(): void {
    for (const ref of [...this.replies.keys()]) this.reply(ref, { ok: false, code: 'NETWORK', message: 'the connection was lost' });
    if (this.leaving || !this.reopen) return this.setStatus('closed');
    if (this.rejoining) return;
    this.rejoining = true;
    this.setStatus('reconnecting');
    void this.rejoin(this.reopen);
  }

  private async rejoin(reopen: Reopen): Promise<void> {
    for (let attempt = 0; !this.leaving; attempt++) {
      const result = await reopen().catch(() => 'retry' as const);
      if (result === 'joined' || this.leaving) return;
      if (result === 'refused') {
        this.rejoining = false;
        return this.setStatus('closed');
      }
      await new Promise((resolve) => setTimeout(resolve, REJOIN_DELAYS_MS[Math.min(attempt, REJOIN_DELAYS_MS.length - 1)]));
    }
  }

  private onWelcome(welcome: ServerMessages['welcome'], room: Room): void {
    this.seat = welcome.seat;
    this.scenario = welcome.scenario;
    this.dryRun = welcome.dryRun;
    for (const v of welcome.injects) this.injects.set(v.id, v);
    for (const v of welcome.messages) this.messages.set(v.id, v);
    for (const v of welcome.logs) this.logs.set(v.id, v);
    // A rejoin announces itself once it is adopted (see adopt); a repeated welcome on the same room now.
    if (room === this.room) this.emit('welcome');
  }

  private add<V extends { id: string }>(into: Map<string, V>, view: V, event: 'inject' | 'message' | 'log'): void {
    if (into.has(view.id)) return;
    into.set(view.id, view);
    (this.emit as (type: typeof event, view: V) => void)(event, view);
  }

  private reply(ref: string | undefined, result: IntentResult): void {
    const resolve = ref ? this.replies.get(ref) : undefined;
    if (!resolve || !ref) return;
    this.replies.delete(ref);
    resolve(result);
  }

  private scheduleStateEvent(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.emit('state');
    });
  }

  private setStatus(status: LinkStatus): void {
    this.status = status;
    this.emit('status', status);
  }
}
