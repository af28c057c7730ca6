import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(2711);
});
afterAll(() => t.close());

describe('HTTP API', () => {
  it('GET /healthz answers 200', async () => {
    expect(await t.api('/healthz', { token: null })).toEqual({ status: 200, body: { ok: true } });
  });

  it('GET /api/scenarios lists scenarios with their organisations, without a token', async () => {
    const { status, body } = await t.api('/api/scenarios', { token: null });
    expect(status).toBe(200);
    const [scenario] = body as {
      id: string;
      title: Record<string, string>;
      organisations: { id: string; kind: string; simulated: boolean }[];
    }[];
    expect(scenario).toMatchObject({ id: 'two-banks', title: { en: 'Two banks under DDoS', nl: 'Twee banken onder DDoS' } });
    expect(scenario!.organisations).toContainEqual(expect.objectContaining({ id: 'isp', kind: 'private', simulated: true }));
  });

  it('POST /api/exercises creates an exercise and gives codes for every seat', async () => {
    const { status, body } = await t.api('/api/exercises', {
      method: 'POST',
      body: { scenario: 'two-banks', speed: 60, name: 'Tuesday drill' },
    });
    expect(status).toBe(201);
    const created = body as { id: string; roomId: string; codes: Record<string, unknown> & { organisations: Record<string, string> } };
    expect(created.roomId).toBe(created.id);
    for (const seat of ['control', 'evaluator', 'observer', 'class'])
      expect(created.codes[seat]).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(Object.keys(created.codes.organisations)).toEqual(['ncsc', 'bank-a', 'bank-b', 'isp']);
    const listed = await t.api('/api/exercises');
    expect(listed.body).toContainEqual(
      expect.objectContaining({ id: created.id, name: 'Tuesday drill', scenario: 'two-banks', status: 'ready' }),
    );
    const one = await t.api(`/api/exercises/${created.id}`);
    expect(one.body).toMatchObject({ id: created.id, codes: created.codes });
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks' }, token: null })).status).toBe(401);
    expect((await t.api('/api/exercises', { token: 'wrong-token-wrong-token' })).status).toBe(401);
    expect((await t.api('/api/exercises/x/events', { token: null })).status).toBe(401);
  });

  it('answers an unknown scenario with 404 and the list of ids', async () => {
    const { status, body } = await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-bankz' } });
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'UNKNOWN_SCENARIO', message: 'no scenario "two-bankz"', scenarios: ['two-banks'] });
  });

  it('answers bad JSON and bad fields with 400 naming the field, without a stack trace', async () => {
    const badJson = await t.api('/api/exercises', { method: 'POST', raw: '{"scenario": ' });
    expect(badJson).toEqual({ status: 400, body: { error: 'INVALID_JSON', message: 'the request body is not valid JSON' } });
    const badSpeed = await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', speed: 99999 } });
    expect(badSpeed.status).toBe(400);
    expect(badSpeed.body).toMatchObject({ error: 'INVALID_REQUEST', field: 'speed' });
    const unknownField = await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', sped: 2 } });
    expect(unknownField.body).toMatchObject({ error: 'INVALID_REQUEST' });
    expect(JSON.stringify(unknownField.body)).toContain('sped');
    expect(JSON.stringify([badJson, badSpeed, unknownField])).not.toMatch(/node_modules|\.ts:\d+|at \w+ \(/);
  });

  it('GET /api/exercises/:id/events lists accepted events in order with exercise times', async () => {
    const created = (await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', autostart: true } })).body as {
      id: string;
    };
    const { status, body } = await t.api(`/api/exercises/${created.id}/events`);
    expect(status).toBe(200);
    expect(body).toEqual([expect.objectContaining({ seq: 1, type: 'exercise.started', atSeconds: 0 })]);
    expect((await t.api('/api/exercises/nope/events')).status).toBe(404);
  });

  it('finds the exercise a typed code opens, and answers unknown paths with JSON', async () => {
    const created = (await t.api('/api/exercises', { method: 'POST', body: { scenario: 'two-banks', name: 'Code lookup' } })).body as {
      id: string;
      codes: { class: string };
    };
    expect(await t.api(`/api/codes/${created.codes.class.toLowerCase()}`, { token: null })).toEqual({
      status: 200,
      body: { exerciseId: created.id, roomId: created.id, name: 'Code lookup' },
    });
    expect(await t.api('/api/codes/AAAAA-BBBBB', { token: null })).toMatchObject({ status: 404, body: { error: 'WRONG_CODE' } });
    expect(await t.api('/api/nothing-here', { token: null })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect((await t.api('/api/exercises', { token: null, method: 'GET' })).status).toBe(401);
  });

  it('keeps the Colyseus monitor behind the admin token', async () => {
    expect((await fetch(`${t.http}/colyseus/`)).status).toBe(401);
    const wrong = Buffer.from('admin:not-the-token').toString('base64');
    expect((await fetch(`${t.http}/colyseus/`, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
    const right = Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64');
    expect((await fetch(`${t.http}/colyseus/`, { headers: { authorization: `Basic ${right}` } })).status).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await fetch(`${t.http}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
