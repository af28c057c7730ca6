import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.ts';

// Its own server: the test blocks 127.0.0.1, which every other test connects from.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2717);
});
afterAll(() => t.close());

describe('guessing join codes', () => {
  it('after ten wrong codes an address is refused with 429 and Retry-After, whatever forwarding headers it sends', async () => {
    const ex = await t.createExercise({ scenario: 'two-banks' });
    for (let i = 0; i < 10; i++) {
      const refused = await new Client(t.ws)
        .joinById(ex.roomId, { code: `GUESS-${String(i).padStart(5, '0')}`, name: 'Mallory' })
        .catch((e: { code: number }) => e);
      expect(refused).toMatchObject({ code: 4401 });
    }
    const blocked = await fetch(`${t.http}/matchmake/joinById/${ex.roomId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: ex.codes.control, name: 'Mallory' }),
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: expect.stringMatching(/^TOO_MANY_ATTEMPTS/) });
    const right = await new Client(t.ws).joinById(ex.roomId, { code: ex.codes.control, name: 'Cora' }).catch((e: { code: number }) => e);
    expect(right).toMatchObject({ message: expect.stringMatching(/^TOO_MANY_ATTEMPTS/) }); // even a right code, until the block ends
    // Without a trusted proxy, a forged forwarding header does not make the guesser someone else.
    const forged = await fetch(`${t.http}/matchmake/joinById/${ex.roomId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-real-ip': '198.51.100.7', 'x-forwarded-for': '198.51.100.8' },
      body: JSON.stringify({ code: ex.codes.control, name: 'Cora' }),
    });
    expect(forged.status).toBe(429);
  });
});

describe('guessing join codes behind a reverse proxy (SIMCELL_TRUST_PROXY)', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer(2719, { trustProxy: true });
  });
  afterAll(() => proxied.close());

  it('counts by the forwarded address, so one guesser behind the proxy does not block the others', async () => {
    const ex = await proxied.createExercise({ scenario: 'two-banks' });
    const lookup = (code: string, address: string) => fetch(`${proxied.http}/api/codes/${code}`, { headers: { 'x-real-ip': address } });
    for (let i = 0; i < 10; i++) expect((await lookup(`GUESS-${String(i).padStart(5, '0')}`, '198.51.100.7')).status).toBe(404);
    const blocked = await lookup(ex.codes.control, '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lookup(ex.codes.control, '198.51.100.9')).status).toBe(200);
    const matchmake = (address: string) =>
      fetch(`${proxied.http}/matchmake/joinById/${ex.roomId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `${address}, 10.0.0.1` },
        body: JSON.stringify({ code: ex.codes.control, name: 'Cora' }),
      });
    expect((await matchmake('198.51.100.7')).status).toBe(429);
    expect((await matchmake('198.51.100.9')).status).toBe(200);
  });
});
