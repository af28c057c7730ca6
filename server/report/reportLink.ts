import { createHmac } from 'node:crypto';
import { tokenMatches } from '../app/adminToken.ts';

/**
 * The token in a report's public link (`/report/<id>/<token>`): HMAC-SHA256 of the exercise id, keyed with
 * the admin token, in base64url — 256 bits nobody can compute without the admin token, and nothing to store.
 * Changing the admin token withdraws every link at once.
 */
export function reportToken(exerciseId: string, adminToken: string): string {
  return createHmac('sha256', adminToken).update(`simcell-report:${exerciseId}`).digest('base64url');
}

/** Compares in constant time. */
export function reportTokenMatches(exerciseId: string, adminToken: string, given: string): boolean {
  return tokenMatches(reportToken(exerciseId, adminToken), given);
}
