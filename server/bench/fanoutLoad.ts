import { Client, type Room } from '@colyseus/sdk';
import { clockNow, FANOUT_MESSAGE, roundOf, type JoinSeat, type LoadCommand, type LoadEvent } from './fanoutProtocol.ts';

/**
 * A load-generating process of the fan-out benchmark (`node --import tsx fanoutLoad.ts`, forked by
 * fanoutBench.ts). It joins its share of the clients with the real SDK and records, per round, when each had
 * the measured message. Kept cheap (STACK.md): handlers are registered as soon as a join resolves, before the
 * first message can arrive; a receipt costs a clock read and an array push; nothing is printed.
 */
const rooms: Room[] = [];
const receipts = new Map<number, number[]>();
let sample: unknown;

function tell(event: LoadEvent): void {
  process.send?.(event);
}

function onMeasured(payload: unknown): void {
  const at = clockNow();
  const round = roundOf(payload);
  if (round === undefined) return;
  let times = receipts.get(round);
  if (!times) receipts.set(round, (times = []));
  times.push(at);
  sample ??= payload;
  if (times.length === rooms.length) tell({ type: 'round', round });
}

async function joinAll(url: string, roomId: string, seats: readonly JoinSeat[], concurrency: number, timeoutMs: number): Promise<void> {
  const started = clockNow();
  const deadline = started + timeoutMs;
  const client = new Client(url);
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < seats.length && clockNow() < deadline) {
      const seat = seats[next++]!;
      try {
        const room = await client.joinById(roomId, seat.code === undefined ? {} : { code: seat.code, name: seat.name });
        // Synchronously after the join resolves: the first message (`welcome`) is still a round trip away.
        room.onMessage(FANOUT_MESSAGE, onMeasured);
        room.onMessage('*', () => undefined);
        room.reconnection.enabled = false;
        rooms.push(room);
      } catch (error) {
        failed++;
        firstError ??= String((error as Error).message ?? error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  failed += seats.length - next;
  tell({ type: 'joined', joined: rooms.length, failed, ...(firstError ? { firstError } : {}), ms: clockNow() - started });
}

function report(): void {
  tell({
    type: 'report',
    receipts: [...receipts.entries()],
    sample,
    sampleJsonBytes: sample === undefined ? 0 : Buffer.byteLength(JSON.stringify(sample)),
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
      void joinAll(message.url, message.roomId, message.seats, message.concurrency, message.timeoutMs);
      break;
    case 'report':
      report();
      break;
    case 'stop':
      void stop();
      break;
  }
});
// The parent is gone (crashed or killed): do not linger.
process.on('disconnect', () => process.exit(0));
tell({ type: 'ready' });
