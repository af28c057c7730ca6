import { createServer } from 'node:net';
import type { AnyActorRef } from 'xstate';
import type { DevelopmentInspector } from './developmentInspector.ts';

export interface MachineInspector extends DevelopmentInspector {
  /** The page that shows the machine (it embeds Stately's inspector UI). */
  readonly pageUrl: string;
  /** Where the inspection events go: any WebSocket client (`createWebSocketReceiver`) can read them here. */
  readonly socketUrl: string;
  stop(): void;
}

/**
 * Development only: streams machines to Stately's inspector through a WebSocket relay on this machine
 * (`@statelyai/inspect`'s WebSocket inspector and its relay server), which works without a network. The
 * page at `pageUrl` relays the events on to the inspector UI it embeds. Loaded on demand by `simcell preview`.
 */
export async function startMachineInspector(port: number): Promise<MachineInspector> {
  // The relay does not report a port in use: it would crash the process, so ask first.
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use; choose another for the inspector with --inspect-port`);
  const { createWebSocketInspector } = await import('@statelyai/inspect');
  const { createInspectorServer } = await import('@statelyai/inspect/server');
  const relay = createInspectorServer({ port, autoOpen: false });
  const socketUrl = `ws://localhost:${port}`;
  const inspector = createWebSocketInspector({ url: socketUrl });
  return {
    pageUrl: `http://localhost:${port}/`,
    socketUrl,
    watch(actor: AnyActorRef) {
      // The machine was created before anyone watched: announce it (with its definition), then follow it.
      inspector.actor(actor, actor.getSnapshot() as object);
      actor.system.inspect(inspector.inspect);
    },
    stop() {
      inspector.stop();
      relay.stop();
    },
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port);
  });
}
