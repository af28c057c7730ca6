import { Callbacks, type Room } from '@colyseus/sdk';
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

const REPLY_TIMEOUT_MS = 10_000;

/**
 * One seat's link to an exercise: the room, who we are, and everything the server has sent us. It mirrors;
 * it decides nothing. A repeated `welcome` (after a reconnect) is merged by id, so nothing shows twice.
 */
export class Connection extends Emitter<ConnectionEvents> {
  room!: Room<never, ExerciseState>;
  seat!: SeatInfo;
  scenario!: ScenarioSummaryView;
  status: LinkStatus = 'online';
  readonly injects = new Map<string, InjectView>();
  readonly messages = new Map<string, MessageView>();
  readonly logs = new Map<string, LogEntryView>();
  private readonly replies = new Map<string, (result: IntentResult) => void>();
  private refCounter = 0;
  private frame = 0;
  private welcomed!: () => void;
  private stateArrived!: () => void;
  /** Resolves when the first `welcome` has arrived. */
  readonly ready = new Promise<void>((resolve) => (this.welcomed = resolve));
  /** Resolves when the first full state has been decoded. */
  readonly stateReady = new Promise<void>((resolve) => (this.stateArrived = resolve));

  /** Registers every server message type on a room the SDK has just created (see SimcellClient). */
  attach(room: Room): void {
    this.room = room as Room<never, ExerciseState>;
    const on = <K extends keyof ServerMessages>(type: K, handler: (payload: ServerMessages[K]) => void) => room.onMessage(type, handler);
    on('welcome', (w) => this.onWelcome(w));
    on('inject', (v) => this.add(this.injects, v, 'inject'));
    on('message', (v) => this.add(this.messages, v, 'message'));
    on('log', (v) => this.add(this.logs, v, 'log'));
    on('accepted', (a) => this.reply(a.ref, { ok: true, seq: a.seq }));
    on('rejected', (r) => this.reply(r.ref, { ok: false, code: r.code, message: r.message }));
    room.onStateChange(() => {
      this.stateArrived();
      this.scheduleStateEvent();
    });
    room.onDrop(() => this.setStatus('reconnecting'));
    room.onReconnect(() => this.setStatus('online'));
    room.onLeave(() => this.setStatus('closed'));
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
    await this.room.leave(true).catch(() => undefined);
  }

  private onWelcome(welcome: ServerMessages['welcome']): void {
    this.seat = welcome.seat;
    this.scenario = welcome.scenario;
    for (const v of welcome.injects) this.injects.set(v.id, v);
    for (const v of welcome.messages) this.messages.set(v.id, v);
    for (const v of welcome.logs) this.logs.set(v.id, v);
    this.welcomed();
    this.emit('welcome');
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
