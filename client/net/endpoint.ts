/**
 * Where the exercise rooms are. Normally the SimCell server serves this client, so it is this page's own
 * origin; under the Vite dev server (hot reload on) it is the SimCell server beside it, on port 2567
 * unless VITE_SIMCELL_SERVER says otherwise. (HTTP API calls are relative; Vite proxies them.)
 */
function serverOrigin(): string {
  if (import.meta.env.VITE_SIMCELL_SERVER) return import.meta.env.VITE_SIMCELL_SERVER;
  if (import.meta.hot) return `${location.protocol}//${location.hostname}:2567`;
  return location.origin;
}

/** The Colyseus endpoint: the same host over WebSocket. */
export function colyseusEndpoint(): string {
  return serverOrigin().replace(/^http/, 'ws');
}
