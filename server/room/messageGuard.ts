import { ERROR_CODES, type ErrorCode } from '../../shared/protocol/errorCodes.ts';
import { MAX_MESSAGES_PER_SECOND, MAX_PAYLOAD_BYTES } from '../../shared/protocol/intents.ts';

/**
 * The first gate of every message: size and rate. A token bucket per connection allows short bursts
 * (two seconds' worth) but refuses a sustained rate above MAX_MESSAGES_PER_SECOND. Time is passed in.
 */
export class MessageGuard {
  private tokens = MAX_MESSAGES_PER_SECOND * 2;
  private last: number | undefined;
  private refusedSinceLog = 0;

  check(payload: unknown, wallMs: number): { ok: true } | { ok: false; code: ErrorCode; message: string; shouldLog: boolean } {
    this.refill(wallMs);
    if (this.tokens < 1) {
      this.refusedSinceLog++;
      return {
        ok: false,
        code: ERROR_CODES.RATE_LIMITED,
        message: `more than ${MAX_MESSAGES_PER_SECOND} messages a second: slow down`,
        shouldLog: this.refusedSinceLog === 1,
      };
    }
    this.tokens -= 1;
    this.refusedSinceLog = 0;
    const size = byteSize(payload);
    if (size > MAX_PAYLOAD_BYTES)
      return {
        ok: false,
        code: ERROR_CODES.PAYLOAD_TOO_LARGE,
        message: `a message may be ${MAX_PAYLOAD_BYTES} bytes at most, this one is ${size}`,
        shouldLog: true,
      };
    return { ok: true };
  }

  private refill(wallMs: number): void {
    if (this.last !== undefined)
      this.tokens = Math.min(MAX_MESSAGES_PER_SECOND * 2, this.tokens + ((wallMs - this.last) / 1000) * MAX_MESSAGES_PER_SECOND);
    this.last = wallMs;
  }
}

function byteSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return Infinity; // cyclic or otherwise unserialisable: refuse it
  }
}
