/**
 * What the fan-out benchmark's processes tell each other over their IPC channels (child_process.fork).
 * Times are `performance.timeOrigin + performance.now()` in every process: one clock for the whole machine.
 */
export type FanoutSystem = 'simcell' | 'bare';

/** Message type of the measured broadcast, in SimCell (`inject`) and in the bare room alike. */
export const FANOUT_MESSAGE = 'inject';
/** The bare room's trigger message: its payload is broadcast as it came. */
export const FANOUT_TRIGGER = 'trigger';
/** Each round's number travels in the inject's English title: `fanout-<round>`. */
export const ROUND_PREFIX = 'fanout-';

export function roundTitle(round: number): { en: string } {
  return { en: `${ROUND_PREFIX}${round}` };
}

/** The round a received inject belongs to, or undefined for anything else. */
export function roundOf(payload: unknown): number | undefined {
  const title = (payload as { title?: { en?: unknown } } | null)?.title?.en;
  if (typeof title !== 'string' || !title.startsWith(ROUND_PREFIX)) return undefined;
  const round = Number(title.slice(ROUND_PREFIX.length));
  return Number.isInteger(round) ? round : undefined;
}

export function clockNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A server child says where it listens. */
export interface ServerListening {
  readonly type: 'listening';
  readonly port: number;
  /** The bare server's room. */
  readonly roomId?: string;
}

export interface JoinSeat {
  readonly code?: string;
  readonly name: string;
}

/** One system's clients for one load process. */
export interface JoinGroup {
  readonly system: FanoutSystem;
  readonly url: string;
  readonly roomId: string;
  readonly seats: readonly JoinSeat[];
}

export type LoadCommand =
  | { readonly type: 'join'; readonly groups: readonly JoinGroup[]; readonly concurrency: number; readonly timeoutMs: number }
  | { readonly type: 'report' }
  | { readonly type: 'stop' };

export type LoadEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'joined'; readonly joined: number; readonly failed: number; readonly firstError?: string; readonly ms: number }
  /** Every client of this process in that round's system has had it; the first round of a system brings a sample. */
  | { readonly type: 'round'; readonly round: number; readonly sample?: unknown }
  | {
      readonly type: 'report';
      /** Per round (round numbers are unique across systems): each client's receipt time, in arrival order. */
      readonly receipts: readonly (readonly [number, readonly number[]])[];
      /** JSON size of one received payload per system, to show both are the same size. */
      readonly jsonBytes: Readonly<Partial<Record<FanoutSystem, number>>>;
    };
