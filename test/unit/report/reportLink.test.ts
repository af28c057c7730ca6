import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportToken, reportTokenMatches } from '../../../server/report/reportLink.ts';

describe('the report link token', () => {
  const admin = 'an-admin-token-0123456789';

  it('is an HMAC-SHA256 of the exercise id keyed with the admin token: 256 bits of base64url', () => {
    const token = reportToken('LMZJ-r0wCIV7', admin);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).toBe(createHmac('sha256', admin).update('simcell-report:LMZJ-r0wCIV7').digest('base64url'));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('differs per exercise and per admin token, and only the exact token matches', () => {
    const token = reportToken('ex-1', admin);
    expect(reportToken('ex-2', admin)).not.toBe(token);
    expect(reportToken('ex-1', `${admin}x`)).not.toBe(token);
    expect(reportTokenMatches('ex-1', admin, token)).toBe(true);
    expect(reportTokenMatches('ex-2', admin, token)).toBe(false);
    expect(reportTokenMatches('ex-1', admin, token.slice(0, -1))).toBe(false);
    expect(reportTokenMatches('ex-1', admin, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(reportTokenMatches('ex-1', admin, '')).toBe(false);
  });
});
