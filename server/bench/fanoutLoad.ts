import { Client, type Room } from '@colyseus/sdk';
import {
  clockNow,
  FANOUT_MESSAGE,
  roundOf,
  type FanoutSystem,
  type JoinGroup,
  type LoadCommand,
  type LoadEvent,
} from './fanoutProtocol.ts';

/**
 * A load-generating process of the fan-out benchmark (`node --import tsx fanoutLoad.ts`, forked by
 * fanoutBench.ts). It joins its share of each system's clients with the real SDK and records, per round, when
 * each had the measured message. Kept cheap (STACK.md): handlers are registered as soon as a join resolves,
 * before the first message can arrive; a receipt costs a clock read and an array push; nothing is printed.
 */
const rooms: Room[] = [];
const clientsOf: Record<FanoutSystem, number> = { simcell: 0, bare: 0 };
const receipts = new Map<number, number[]>();
const jsonBytes: Partial<Record<FanoutSystem, number>> = {};

function tell(event: LoadEvent): void {
  process.send?.(event);
}

function onMeasured(system: FanoutSystem, payload: unknown): void {
  const at = clockNow();
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
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  failed += queue.length - next;
  tell({ type: 'joined', joined: rooms.length, failed, ...(firstError ? { firstError } : {}), ms: clockNow() - started });
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
    case 'report':
      tell({ type: 'report', receipts: [...receipts.entries()], jsonBytes });
      break;
    case 'stop':
      void stop();
      break;
  }
});
// The parent is gone (crashed or killed): do not linger.
process.on('disconnect', () => process.exit(0));
tell({ type: 'ready' });
