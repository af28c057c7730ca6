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
  it('after ten wrong codes an address is refused with 429 and Retry-After; other addresses are not', async () => {
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
    const elsewhere = await fetch(`${t.http}/matchmake/joinById/${ex.roomId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-real-ip': '198.51.100.7' },
      body: JSON.stringify({ code: ex.codes.control, name: 'Cora' }),
    });
    expect(elsewhere.status).toBe(200);
  });
});
