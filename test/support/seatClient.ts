import { Client, type Room } from '@colyseus/sdk';
import { WebSocket as NodeWebSocket } from 'ws';

// Node 20 has no global WebSocket; the SDK's first connection falls back to `ws`, its reconnection does not.
(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
import type { ServerMessages, InjectView, MessageView, LogEntryView } from '../../shared/protocol/serverMessages.ts';

export type IntentAnswer = ({ ok: true } & ServerMessages['accepted']) | ({ ok: false } & ServerMessages['rejected']);

type Received = { [K in keyof ServerMessages]: { type: K; payload: ServerMessages[K] } }[keyof ServerMessages];

/**
 * A participant, Control, an evaluator or the big screen, as a bot: a real @colyseus/sdk client over a real
 * WebSocket that records everything the server sends it.
 */
export class SeatClient {
  readonly received: Received[] = [];
  private refCount = 0;

  private constructor(readonly room: Room) {
    room.onMessage('*', (type, payload) => this.received.push({ type, payload } as Received));
  }

  static async join(wsUrl: string, roomId: string, options: { code: string; name: string; seat?: string }): Promise<SeatClient> {
    const room = await new Client(wsUrl).joinById(roomId, options);
    const seat = new SeatClient(room);
    // The server also sends a welcome on joining, but a Node client may get it before its handler exists.
    room.send('sync', {});
    await seat.waitFor('welcome');
    return seat;
  }

  get welcome(): ServerMessages['welcome'] {
    const last = [...this.received].reverse().find((r) => r.type === 'welcome');
    if (!last) throw new Error('no welcome yet');
    return last.payload;
  }

  /** Injects from the last welcome plus those streamed since, by id. */
  injects(): InjectView[] {
    return this.collect('inject', (w) => w.injects);
  }

  messages(): MessageView[] {
    return this.collect('message', (w) => w.messages);
  }

  logs(): LogEntryView[] {
    return this.collect('log', (w) => w.logs);
  }

  /** Sends an intent and resolves with the server's answer: `ok: true` with its seq, or `ok: false` with the code. */
  async intent(type: string, payload: Record<string, unknown>): Promise<IntentAnswer> {
    const ref = `r${++this.refCount}`;
    this.room.send(type, { ref, ...payload });
    const accepted = await this.waitFor('accepted', (p) => p.ref === ref).catch(() => undefined);
    if (accepted) return { ok: true, ...accepted };
    return { ok: false, ...(await this.waitFor('rejected', (p) => p.ref === ref)) };
  }

  /** Resolves when an inject has reached this seat, streamed or in a welcome's history (a late joiner). */
  async waitForInject(id: string, timeoutMs = 15_000): Promise<InjectView> {
    const started = Date.now();
    for (;;) {
      const found = this.injects().find((i) => i.id === id);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`inject ${id} did not reach this seat within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends an intent that must be accepted; throws with the server's code when it is not. */
  async must(type: string, payload: Record<string, unknown>): Promise<number> {
    const answer = await this.intent(type, payload);
    if (!answer.ok) throw new Error(`${type} was rejected: ${answer.code} ${answer.message}`);
    return answer.seq;
  }

  /** Resolves with the first message of a type (matching a predicate) — already received or still to come. */
  waitFor<K extends keyof ServerMessages>(
    type: K,
    predicate: (payload: ServerMessages[K]) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<ServerMessages[K]> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        const hit = this.received.find((r) => r.type === type && predicate(r.payload as ServerMessages[K]));
        if (hit) return resolve(hit.payload as ServerMessages[K]);
        if (type === 'accepted' && this.received.some((r) => r.type === 'rejected' && predicate(r.payload as never)))
          return reject(new Error('rejected'));
        if (Date.now() - started > timeoutMs) return reject(new Error(`no ${String(type)} within ${timeoutMs} ms`));
        setTimeout(poll, 10);
      };
      poll();
    });
  }

  leave(): Promise<unknown> {
    return this.room.leave();
  }

  private collect<T extends { id: string }>(type: 'inject' | 'message' | 'log', fromWelcome: (w: ServerMessages['welcome']) => T[]): T[] {
    const byId = new Map<string, T>();
    let start = 0;
    this.received.forEach((r, i) => {
      if (r.type === 'welcome') start = i;
    });
    const welcome = this.received[start];
    if (welcome?.type === 'welcome') for (const item of fromWelcome(welcome.payload)) byId.set(item.id, item);
    for (const r of this.received.slice(start)) if (r.type === type) byId.set((r.payload as unknown as T).id, r.payload as unknown as T);
    return [...byId.values()];
  }
}
