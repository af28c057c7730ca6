import type { RequestHandler } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The operator's token for the HTTP API and the monitor: SIMCELL_ADMIN_TOKEN if set, otherwise generated at
 * first start and kept (owner-only) in the data directory.
 */
export function loadAdminToken(dataDir: string, fromEnv: string | undefined): { token: string; generated: boolean } {
  if (fromEnv) return { token: fromEnv, generated: false };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true };
}

/** Compares in constant time, so the answer's timing does not leak the token. */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Express middleware: the request must carry `Authorization: Bearer <admin token>` (401 otherwise). */
export function requireAdminToken(adminToken: string): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    const token = /^bearer /i.test(header ?? '') ? header!.slice(7).trim() : undefined;
    if (!tokenMatches(adminToken, token))
      return void res.status(401).json({ error: 'UNAUTHORIZED', message: 'send the admin token as "Authorization: Bearer <token>"' });
    next();
  };
}
