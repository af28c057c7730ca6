/**
 * Which exercise (room) a join code opens. Links made by Control carry it (`?exercise=<id>`). For a typed
 * code, and for a rejoin after a server restart, the server is asked (`GET /api/codes/<code>`). A server
 * without that route (a 404 other than WRONG_CODE) gives `undefined`, and the caller joins whichever
 * exercise room is open, which is right when one exercise runs.
 */
export type FoundRoom =
  { readonly roomId: string } | { readonly roomId: undefined } | { readonly error: 'WRONG_CODE' | 'TOO_MANY_ATTEMPTS' | 'NETWORK' };

export async function findRoom(code: string, hinted: string | null): Promise<FoundRoom> {
  if (hinted) return { roomId: hinted };
  let response: Response;
  try {
    response = await fetch(`/api/codes/${encodeURIComponent(code.trim())}`, { headers: { accept: 'application/json' } });
  } catch {
    return { error: 'NETWORK' };
  }
  const body = (await response.json().catch(() => undefined)) as { roomId?: unknown; error?: unknown } | undefined;
  if (response.ok && typeof body?.roomId === 'string') return { roomId: body.roomId };
  if (response.status === 429) return { error: 'TOO_MANY_ATTEMPTS' };
  if (response.status === 404) return body?.error === 'WRONG_CODE' ? { error: 'WRONG_CODE' } : { roomId: undefined };
  // A server that is starting, or a proxy in front of one that is down: worth asking again.
  return { error: 'NETWORK' };
}
