/**
 * Which exercise (room) a join code opens. Links made by Control carry it (`?exercise=<id>`). For a typed
 * code the server is asked (`GET /api/codes/<code>`). A server without that route gives `undefined`, and
 * the caller joins whichever exercise room is open, which is right when one exercise runs.
 */
export type FoundRoom = { readonly roomId: string } | { readonly roomId: undefined } | { readonly error: 'WRONG_CODE' | 'NETWORK' };

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
  if (typeof body?.error === 'string') return { error: 'WRONG_CODE' };
  return { roomId: undefined };
}
