import type { ServerMessages } from '../../shared/protocol/serverMessages.ts';
import type { SeatClient } from '../support/seatClient.ts';
import type { FuzzSeat } from './fuzzWorld.ts';
import type { HostileMessage } from './hostileMessages.ts';

/**
 * One fuzzing connection: a real SDK seat, what was sent over it and what came back. `answerProblems`
 * states the answer invariant: every message with a ref gets exactly one `accepted` or `rejected` with
 * that ref (a valid `sync` gets a welcome instead), paced messages are never rate-limited, and messages
 * without a usable ref get answers without one.
 */
export interface SentMessage {
  /** Position in the slot's generated sequence (1-based), to regenerate it from the seed. */
  readonly n: number;
  readonly message: HostileMessage;
  readonly flood: boolean;
}

export type Answer = ({ kind: 'accepted' } & ServerMessages['accepted']) | ({ kind: 'rejected' } & ServerMessages['rejected']);

export class FuzzLink {
  readonly sent: SentMessage[] = [];
  /** Set when the server closed the connection, with the close code. */
  dropped: { code: number } | undefined;
  /** Messages the SDK could not encode (client-side stack overflow): never sent, nothing to answer. */
  unsendable = 0;

  constructor(
    readonly slot: string,
    readonly name: string,
    readonly seat: FuzzSeat,
    readonly client: SeatClient,
  ) {
    const room = client.room;
    room.reconnection.enabled = false; // a dropped fuzz connection is a finding, not something to paper over
    const drop = (code: number) => (this.dropped ??= { code });
    room.onDrop(drop);
    room.onLeave(drop);
  }

  /** False when the SDK could not encode the message (nothing was sent). */
  send(n: number, message: HostileMessage, flood: boolean): boolean {
    try {
      const room = this.client.room as unknown as { send(type: string | number, payload?: unknown): void };
      if (message.payload === undefined) room.send(message.type);
      else room.send(message.type, message.payload);
    } catch {
      this.unsendable++;
      return false;
    }
    this.sent.push({ n, message, flood });
    return true;
  }

  /** Paced messages that were refused as a flood. */
  pacedRateLimited(): number {
    const limited = new Set(this.fuzzAnswers().flatMap((a) => (a.kind === 'rejected' && a.code === 'RATE_LIMITED' ? [a.ref] : [])));
    return this.sent.filter((s) => !s.flood && s.message.ref !== undefined && limited.has(s.message.ref)).length;
  }

  answers(): Answer[] {
    return this.client.received.flatMap((r) =>
      r.type === 'accepted' || r.type === 'rejected' ? [{ kind: r.type, ...r.payload } as Answer] : [],
    );
  }

  /** Answers to the fuzz messages (not to SeatClient.intent's own `r<n>` refs). */
  fuzzAnswers(): Answer[] {
    return this.answers().filter((a) => a.ref === undefined || !/^r\d+$/.test(a.ref));
  }

  /** How many answers are still due at least; 0 when everything is in. */
  outstanding(): number {
    const refless = this.sent.filter((s) => s.message.ref === undefined && s.message.type !== 'sync').length;
    const withRef = this.sent.filter((s) => s.message.ref !== undefined && s.message.type !== 'sync').length;
    const answers = this.fuzzAnswers();
    return Math.max(0, refless + withRef - answers.length);
  }

  /**
   * `stalled`: the event loop (shared by server and clients) stopped for longer than the guard's burst covers
   * at this pace, so the server met paced messages all at once and rate-limiting them was right.
   */
  answerProblems(stalled: boolean): string[] {
    const where = `${this.slot} (${this.name})`;
    if (this.dropped) {
      // The server answers in order: the message it choked on is among those right after the last answered one.
      const answered = new Set(this.fuzzAnswers().map((a) => a.ref));
      const last = this.sent.reduce((found, s, i) => (s.message.ref !== undefined && answered.has(s.message.ref) ? i : found), -1);
      return [
        `${where}: the server closed the connection (code ${this.dropped.code}) after ${this.sent.length} messages; ` +
          `suspects, after the last answered #${this.sent[last]?.n ?? 0}: ${this.sent
            .slice(last + 1, last + 4)
            .map(describeSent)
            .join(' | ')}`,
      ];
    }
    const problems: string[] = [];
    const byRef = new Map<string | undefined, Answer[]>();
    for (const a of this.fuzzAnswers()) byRef.set(a.ref, [...(byRef.get(a.ref) ?? []), a]);
    for (const s of this.sent) {
      const ref = s.message.ref;
      if (ref === undefined) continue;
      const got = byRef.get(ref) ?? [];
      byRef.delete(ref);
      const sync = s.message.type === 'sync';
      if (got.length > 1) problems.push(`${where}: ${got.length} answers to ${describeSent(s)}`);
      else if (got.length === 0 && !sync) problems.push(`${where}: no answer with ref "${ref}" to ${describeSent(s)}`);
      const answer = got[0];
      if (!answer) continue;
      if (answer.type !== typeEcho(s.message.type))
        problems.push(`${where}: the answer to ${describeSent(s)} names type ${JSON.stringify(answer.type)}`);
      if (sync && answer.kind === 'accepted')
        problems.push(`${where}: sync was 'accepted' (it is answered with a welcome): ${describeSent(s)}`);
      if (!s.flood && answer.kind === 'rejected' && answer.code === 'RATE_LIMITED' && !stalled)
        problems.push(`${where}: a paced message was rate-limited: ${describeSent(s)}`);
    }
    const refless = byRef.get(undefined) ?? [];
    byRef.delete(undefined);
    for (const [ref, got] of byRef) problems.push(`${where}: ${got.length} answer(s) with a ref nobody sent: ${JSON.stringify(ref)}`);
    const reflessSent = this.sent.filter((s) => s.message.ref === undefined);
    const min = reflessSent.filter((s) => s.message.type !== 'sync').length;
    if (refless.length < min || refless.length > reflessSent.length) {
      const types = new Set(reflessSent.map((s) => typeEcho(s.message.type)));
      const odd = refless.filter((a) => !types.has(a.type)).slice(0, 3);
      problems.push(
        `${where}: ${refless.length} answers without a ref, for ${reflessSent.length} messages without a usable ref (${min} of them not sync)` +
          (odd.length ? `; answers to none of them: ${odd.map((a) => JSON.stringify(a)).join(' ')}` : ''),
      );
    }
    return problems;
  }
}

/** The type the server names in its answer. */
function typeEcho(type: string | number): string {
  // Colyseus decodes an empty type string as a number (its stringCheck skips the zero-length fixstr 0xa0),
  // so the room sees `undefined`; the ref still comes back. Noted in the report, not a SimCell bug.
  return type === '' ? 'undefined' : String(type);
}

export function describeSent(s: SentMessage): string {
  return `#${s.n} [${s.message.category}] ${JSON.stringify(brief(s.message.type))} ${JSON.stringify(brief(s.message.payload))}`;
}

/** A short, JSON-safe picture of any payload for failure messages. */
export function brief(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 40)}…(${value.length} chars)` : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? value : String(Object.is(value, -0) ? '-0' : value);
  if (value === undefined) return '(no payload)';
  if (value === null || typeof value !== 'object') return value;
  if (depth > 3) return '…';
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength})`;
  if (Array.isArray(value))
    return [...value.slice(0, 6).map((v) => brief(v, depth + 1)), ...(value.length > 6 ? [`…${value.length}`] : [])];
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  for (const k of keys.slice(0, 12))
    Object.defineProperty(out, brief(k) as string, { value: brief((value as Record<string, unknown>)[k], depth + 1), enumerable: true });
  if (keys.length > 12) out['…'] = `${keys.length} keys`;
  return out;
}
