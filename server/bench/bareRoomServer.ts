import { matchMaker, Room, Server, type Client } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { clockNow, FANOUT_MESSAGE, FANOUT_TRIGGER, type BareTrigger, type ServerListening } from './fanoutProtocol.ts';

/**
 * The fan-out benchmark's baseline (`node --import tsx bareRoomServer.ts`, forked by fanoutBench.ts): a bare
 * Colyseus room, no state, that broadcasts a trigger's payload to every client, the sender included (SimCell's
 * Control gets its own inject too), at the trigger's moment `at` (on the benchmark's clock) as SimCell delivers
 * a scheduled inject at its time. One encode, one shared buffer for all sends.
 */
class BareRoom extends Room {
  override onCreate(): void {
    this.autoDispose = false;
    this.maxMessagesPerSecond = Infinity;
    this.onMessage(FANOUT_TRIGGER, (_client: Client, trigger: BareTrigger) => {
      const broadcast = () => this.broadcast(FANOUT_MESSAGE, trigger.payload);
      const wait = trigger.at - clockNow();
      if (wait > 0) setTimeout(broadcast, Math.ceil(wait));
      else broadcast();
    });
  }
}

const server = new Server({ transport: new WebSocketTransport({ maxPayload: 256 * 1024 }), greet: false, gracefullyShutdown: false });
server.define('bare', BareRoom);
await server.listen(0, '127.0.0.1');
const room = await matchMaker.createRoom('bare', {});
const address = (server.transport as unknown as { server?: { address(): { port: number } | string | null } }).server?.address();
if (typeof address !== 'object' || !address) throw new Error('the bare room server has no TCP address');
const listening: ServerListening = { type: 'listening', port: address.port, roomId: room.roomId };
process.send?.(listening);

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  setTimeout(() => process.exit(0), 3000).unref();
  void server.gracefullyShutdown(false).finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
