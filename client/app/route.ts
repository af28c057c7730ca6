/**
 * The screens by address. The server sends index.html for all of them (SPA fallback); the address decides
 * which scene opens. `?exercise=<id>` in a link names the exercise, so a reload rejoins without asking.
 */
export type Route =
  | { readonly screen: 'join'; readonly code: string | null; readonly name: string | null; readonly exercise: string | null }
  | { readonly screen: 'control'; readonly code: string | null; readonly exercise: string | null }
  | { readonly screen: 'screen'; readonly code: string | null; readonly exercise: string | null }
  | { readonly screen: 'evaluate'; readonly code: string | null; readonly name: string | null; readonly exercise: string | null }
  | { readonly screen: 'replay'; readonly exercise: string | null; readonly seat: string | null; readonly seq: number | null };

export function parseRoute(url: URL = new URL(location.href)): Route {
  const [first = '', second] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const query = url.searchParams;
  const exercise = query.get('exercise');
  const name = query.get('name');
  switch (first) {
    case 'control':
      return { screen: 'control', code: query.get('code'), exercise };
    case 'screen':
      return { screen: 'screen', code: second ?? query.get('code'), exercise };
    case 'evaluate':
      return { screen: 'evaluate', code: second ?? query.get('code'), name, exercise };
    case 'replay': {
      const seq = query.get('seq');
      return {
        screen: 'replay',
        exercise: second ?? exercise,
        seat: query.get('seat'),
        seq: seq && /^\d+$/.test(seq) ? Number(seq) : null,
      };
    }
    default:
      return { screen: 'join', code: first === 'join' ? (second ?? null) : null, name, exercise };
  }
}

/** The address that brings this seat back after a reload. */
export function seatPath(role: string, code: string, name: string, exercise: string): string {
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
  const c = encodeURIComponent(code);
  switch (role) {
    case 'control':
      return `/control${q({ code, name, exercise })}`;
    case 'screen':
      return `/screen/${c}${q({ exercise })}`;
    case 'evaluator':
    case 'observer':
      return `/evaluate/${c}${q({ name, exercise })}`;
    default:
      return `/join/${c}${q({ name, exercise })}`;
  }
}

/** A join link for a code, as Control hands it out. */
export function joinLink(origin: string, code: string, exercise: string, kind: 'join' | 'screen' | 'control' = 'join'): string {
  if (kind === 'control') return `${origin}/control?${new URLSearchParams({ code, exercise }).toString()}`;
  return `${origin}/${kind}/${encodeURIComponent(code)}?${new URLSearchParams({ exercise }).toString()}`;
}
