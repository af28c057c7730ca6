import { Client, type Room } from '@colyseus/sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  clockNow,
  FANOUT_MESSAGE,
  roundOf,
  type FanoutSystem,
  type JoinGroup,
  type JoinSeat,
  type LoadCommand,
  type LoadEvent,
} from './fanoutProtocol.ts';

/**
 * A load-generating process of the scale benchmarks (`node --import tsx fanoutLoad.ts`, forked by fanoutBench.ts,
 * joinStormBench.ts and classroomBench.ts). It joins its share of the clients with the real SDK and records, per
 * round, when each had the measured message; in a join storm it times each join; it counts every inject. Kept
 * cheap (STACK.md): handlers are registered as soon as a join resolves, before the first message can arrive; a
 * receipt costs a clock read and an array push; nothing is printed.
 */
const rooms: Room[] = [];
const clientsOf: Record<FanoutSystem, number> = { simcell: 0, bare: 0 };
const receipts = new Map<number, number[]>();
const jsonBytes: Partial<Record<FanoutSystem, number>> = {};
let injects = 0;

function tell(event: LoadEvent): void {
  process.send?.(event);
}

function onMeasured(system: FanoutSystem, payload: unknown): void {
  const at = clockNow();
  injects++;
  const round = roundOf(payload);
  if (round === undefined) return;
  let times = receipts.get(round);
  if (!times) receipts.set(round, (times = []));
  times.push(at);
  if (times.length < clientsOf[system]) return;
  if (jsonBytes[system] === undefined) {
    jsonBytes[system] = Buffer.byteLength(JSON.stringify(payload));
    tell({ type: 'round', round, sample: payload });
  } else tell({ type: 'round', round });
}

async function joinAll(groups: readonly JoinGroup[], concurrency: number, timeoutMs: number): Promise<void> {
  const started = clockNow();
  const deadline = started + timeoutMs;
  const clients = new Map(groups.map((g) => [g.url, new Client(g.url)]));
  const queue = groups.flatMap((group) => group.seats.map((seat) => ({ group, seat })));
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < queue.length && clockNow() < deadline) {
      const { group, seat } = queue[next++]!;
      try {
        const room = await clients
          .get(group.url)!
          .joinById(group.roomId, seat.code === undefined ? {} : { code: seat.code, name: seat.name });
        // Synchronously after the join resolves: the first message (`welcome`) is still a round trip away.
        room.onMessage(FANOUT_MESSAGE, (payload: unknown) => onMeasured(group.system, payload));
        room.onMessage('*', () => undefined);
        room.reconnection.enabled = false;
        rooms.push(room);
        clientsOf[group.system]++;
      } catch (error) {
        failed++;
        firstError ??= describe(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  failed += queue.length - next;
  tell({ type: 'joined', joined: rooms.length, failed, ...(firstError ? { firstError } : {}), ms: clockNow() - started });
}

/**
 * The join storm: every seat starts joining at its own moment (open loop: a slow server does not slow the
 * arrivals down), and each join is timed until joinById resolves and until the room's `welcome` arrived, the
 * moment a participant's screen can show the exercise.
 */
async function storm(group: JoinGroup, startAt: number, spacingMs: number, timeoutMs: number): Promise<void> {
  const client = new Client(group.url);
  const joinMs: number[] = [];
  const welcomeMs: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const joinOne = async (seat: JoinSeat) => {
    const started = clockNow();
    try {
      const room = await withTimeout(client.joinById(group.roomId, { code: seat.code, name: seat.name }), timeoutMs);
      const joined = clockNow();
      const welcomed = new Promise<number>((resolve) => room.onMessage('welcome', () => resolve(clockNow())));
      room.onMessage(FANOUT_MESSAGE, (payload: unknown) => onMeasured(group.system, payload));
      room.onMessage('*', () => undefined);
      room.reconnection.enabled = false;
      rooms.push(room);
      const welcome = await withTimeout(welcomed, timeoutMs);
      joinMs.push(joined - started);
      welcomeMs.push(welcome - started);
    } catch (error) {
      failed++;
      firstError ??= describe(error);
    }
  };
  const joins: Promise<void>[] = [];
  for (let i = 0; i < group.seats.length; i++) {
    const wait = startAt + i * spacingMs - clockNow();
    if (wait > 0) await sleep(wait);
    joins.push(joinOne(group.seats[i]!));
  }
  await Promise.all(joins);
  tell({ type: 'stormed', joinMs, welcomeMs, failed, ...(firstError ? { firstError } : {}) });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function stop(): Promise<void> {
  // A consented leave, bounded: the process exits after a second whatever happens.
  setTimeout(() => process.exit(0), 1000).unref();
  await Promise.allSettled(rooms.map((room) => room.leave(true)));
  process.exit(0);
}

process.on('message', (message: LoadCommand) => {
  switch (message.type) {
    case 'join':
      void joinAll(message.groups, message.concurrency, message.timeoutMs);
      break;
    case 'storm':
      void storm(message.group, message.startAt, message.spacingMs, message.timeoutMs);
      break;
    case 'report':
      tell({ type: 'report', receipts: [...receipts.entries()], jsonBytes });
      break;
    case 'count':
      tell({ type: 'count', injects });
      break;
    case 'stop':
      void stop();
      break;
  }
});
// The parent is gone (crashed or killed): do not linger.
process.on('disconnect', () => process.exit(0));
tell({ type: 'ready' });

/** An error's message with its cause's ("fetch failed" alone does not say what failed). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
