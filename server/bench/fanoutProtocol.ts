/**
 * What the fan-out benchmark's processes tell each other over their IPC channels (child_process.fork).
 * Times are `performance.timeOrigin + performance.now()` in every process: one clock for the whole machine.
 */
export type FanoutSystem = 'simcell' | 'bare';

/** Message type of the measured broadcast, in SimCell (`inject`) and in the bare room alike. */
export const FANOUT_MESSAGE = 'inject';
/** The bare room's trigger message (a BareTrigger): its payload is broadcast as it came. */
export const FANOUT_TRIGGER = 'trigger';

export interface BareTrigger {
  /** When to broadcast, on the benchmark's clock (clockNow); at once if that has passed. */
  readonly at: number;
  readonly payload: unknown;
}
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

/** A server child's answer to `{ type: 'usage' }`: its CPU time so far and its memory now. */
export interface ServerUsage {
  readonly type: 'usage';
  /** `clockNow()` when it was read. */
  readonly at: number;
  /** The server's `Date.now()` (its wall clock, which its exercise clocks follow) minus `clockNow()` (ms). */
  readonly wallMinusClockMs: number;
  /** User + system CPU time since the process started (µs). */
  readonly cpuUs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

export type ServerEvent = ServerListening | ServerUsage;

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
  /** Open loop: seat `i` starts joining at `startAt + i × spacingMs`, whether or not the ones before are in. */
  | { readonly type: 'storm'; readonly group: JoinGroup; readonly startAt: number; readonly spacingMs: number; readonly timeoutMs: number }
  | { readonly type: 'report' }
  | { readonly type: 'count' }
  | { readonly type: 'stop' };

export type LoadEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'joined'; readonly joined: number; readonly failed: number; readonly firstError?: string; readonly ms: number }
  /** Every client of this process in that round's system has had it; the first round of a system brings a sample. */
  | { readonly type: 'round'; readonly round: number; readonly sample?: unknown }
  | {
      readonly type: 'stormed';
      /** Per joined seat: from calling joinById until it resolved, and until the `welcome` message arrived (ms). */
      readonly joinMs: readonly number[];
      readonly welcomeMs: readonly number[];
      readonly failed: number;
      readonly firstError?: string;
    }
  /** Every `inject` message this process's clients received so far, measured or not. */
  | { readonly type: 'count'; readonly injects: number }
  | {
      readonly type: 'report';
      /** Per round (round numbers are unique across systems): each client's receipt time, in arrival order. */
      readonly receipts: readonly (readonly [number, readonly number[]])[];
      /** JSON size of one received payload per system, to show both are the same size. */
      readonly jsonBytes: Readonly<Partial<Record<FanoutSystem, number>>>;
    };
