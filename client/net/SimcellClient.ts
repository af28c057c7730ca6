import { Client, type Room } from '@colyseus/sdk';

/**
 * The Colyseus client, with one addition: a hook that runs when the SDK creates a room, before its socket
 * opens. The server sends `welcome` right after the join, and the SDK drops messages that have no handler
 * yet, so the handlers must be in place before the join resolves.
 */
export class SimcellClient extends Client {
  constructor(
    endpoint: string,
    private readonly prepareRoom: (room: Room) => void,
  ) {
    super(endpoint);
  }

  protected override createRoom<T>(roomName: string, rootSchema?: new (...args: never[]) => T): Room<never, T> {
    const room = super.createRoom<T>(roomName, rootSchema as never) as Room<never, T>;
    this.prepareRoom(room as Room);
    return room;
  }
}
