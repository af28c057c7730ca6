import { Protocol, type Client } from '@colyseus/core';

const wrapped = new WeakSet<Client>();

/**
 * Colyseus sends a connection a state patch whenever anything in the state changed, also when none of it is in
 * that connection's view: the patch byte alone. Each delivery rewrites the Control desk's list of upcoming injects,
 * so every participant got such a frame after every inject: a second send per participant per inject. This
 * drops those frames for one connection; a change only the staff see then costs a send per staff connection.
 */
export function dropEmptyPatches(client: Client): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const send = client.raw.bind(client);
  client.raw = (data, options, cb) => {
    if (data.length === 1 && data[0] === Protocol.ROOM_STATE_PATCH) return cb?.();
    send(data, options, cb);
  };
}
