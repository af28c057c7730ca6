/**
 * The operator's admin token arrives in the URL fragment (`/control#token=…`), which browsers never send
 * to a server. It is moved to sessionStorage at once and wiped from the address bar, and it is only ever
 * sent in the API's Authorization header.
 */
const KEY = 'simcell.adminToken';

export function takeAdminToken(): string | undefined {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(KEY, fromFragment);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function forgetAdminToken(): void {
  sessionStorage.removeItem(KEY);
}
