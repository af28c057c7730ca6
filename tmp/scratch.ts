import { Server, Room, ServerError, matchMaker } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client } from '@colyseus/sdk';
import { StateView, schema, t } from '@colyseus/schema';

const Item = schema({ name: t.string(), secret: t.string() }, 'Item');
const State = schema({ pub: t.string(), items: t.map(Item).view(), other: t.map(Item) }, 'State');

class R extends Room {
  override onAuth(_c: any, options: any) {
    if (options.code !== 'good') throw new ServerError(4401, 'WRONG_CODE: no such code');
    return { who: options.who };
  }
  override onCreate() {
    this.autoDispose = false;
    const s = new State(); s.pub = 'hello';
    s.items.set('a', new Item().assign({ name: 'a', secret: 'SECRET-A' }));
    s.items.set('b', new Item().assign({ name: 'b', secret: 'SECRET-B' }));
    this.setState(s);
    this.onMessage('*', (client, type, msg) => client.send('echo', { type, msg }));
  }
  override onJoin(client: any) {
    client.view = new StateView();
    client.view.add(this.state.items.get(client.auth.who));
  }
}
const server = new Server({ transport: new WebSocketTransport({ maxPayload: 64 * 1024 }), greet: false, express: (app) => { app.get('/healthz', (_q, r) => { r.send('ok'); }); } });
server.define('exercise', R);
await server.listen(2599, '127.0.0.1');
const room = await matchMaker.createRoom('exercise', {});
console.log('room', room.roomId);
const res = await fetch('http://127.0.0.1:2599/healthz'); console.log('healthz', res.status, await res.text());
const c = new Client('ws://127.0.0.1:2599');
try { await c.joinById(room.roomId, { code: 'bad', who: 'a' }); } catch (e: any) { console.log('refused', e.code, e.message, e.constructor.name); }
const ra = await c.joinById(room.roomId, { code: 'good', who: 'a' });
const rb = await c.joinById(room.roomId, { code: 'good', who: 'b' });
await new Promise((r) => setTimeout(r, 300));
console.log('A sees', JSON.stringify(ra.state.toJSON()));
console.log('B sees', JSON.stringify(rb.state.toJSON()));
ra.onMessage('echo', (m) => console.log('echo', JSON.stringify(m)));
ra.send('whatever', { x: 1 });
await new Promise((r) => setTimeout(r, 200));
await ra.leave(); await rb.leave();
await server.gracefullyShutdown(false);
