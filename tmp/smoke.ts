import { Client } from '@colyseus/sdk';
import { createSimcellServer } from '../server/app/createSimcellServer.ts';
import { createLogger } from '../server/app/logger.ts';
import { rmSync } from 'node:fs';
rmSync('/tmp/simcell-smoke', { recursive: true, force: true });
const server = await createSimcellServer({ config: { port: 2611, host: '127.0.0.1', dataDir: '/tmp/simcell-smoke', adminToken: 'x'.repeat(20), logLevel: 'info', scenariosDir: 'test/fixtures' }, logger: createLogger('info') });
const api = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:2611${path}`, { ...init, headers: { authorization: `Bearer ${'x'.repeat(20)}`, 'content-type': 'application/json' } });
console.log((await (await fetch('http://127.0.0.1:2611/api/scenarios')).json()).map((s: any) => s.id));
const created = await (await api('/api/exercises', { method: 'POST', body: JSON.stringify({ scenario: 'two-banks', speed: 600 }) })).json();
console.log(created);
const c = new Client('ws://127.0.0.1:2611');
const control = await c.joinById(created.roomId, { code: created.codes.control, name: 'Eve' });
const bankA = await c.joinById(created.roomId, { code: created.codes.organisations['bank-a'], name: 'Alice' });
const bankB = await c.joinById(created.roomId, { code: created.codes.organisations['bank-b'], name: 'Bob' });
for (const [n, r] of [['control', control], ['bankA', bankA], ['bankB', bankB]] as const) {
  r.onMessage('*', (type, m: any) => console.log(n, type, type === 'welcome' ? m.seat.role : (m.id ?? m.code ?? m.seq), m.title?.en ?? m.message ?? ''));
}
control.send('control.start', { ref: 's1' });
await new Promise((r) => setTimeout(r, 1500));
bankA.send('act', { ref: 'a1', action: 'report-ncsc' });
bankB.send('act', { ref: 'b1', action: 'filter-traffic' });
bankB.send('nonsense', {});
await new Promise((r) => setTimeout(r, 1500));
console.log('bankA state', JSON.stringify(bankA.state.toJSON()).slice(0, 600));
console.log('control phase', (control.state as any).control?.phase, (control.state as any).escalation);
console.log('events', (await (await api(`/api/exercises/${created.id}/events`)).json()).map((e: any) => `${e.seq}:${e.type}@${e.atSeconds}`).join(' '));
await server.close();
process.exit(0);
