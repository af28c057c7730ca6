/**
 * Wrong join codes, counted per network address: after `maxFailures` within `windowMs`, that address is
 * refused for `blockMs` (answered 429 with Retry-After). Guessing a 10-character code is hopeless anyway; this
 * keeps it so. Time is passed in.
 */
export class JoinAttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    /** Behind a reverse proxy that sets X-Real-IP / X-Forwarded-For, count by those; otherwise anyone could forge them. */
    private readonly trustProxy = false,
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly blockMs = 60_000,
  ) {}

  /** The address to count a request by: the socket's, or the first forwarded hop when a trusted proxy sets it. */
  addressOf(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined): string {
    return (this.trustProxy ? forwardedAddress(headers) : undefined) ?? socketAddress ?? 'unknown';
  }

  recordFailure(address: string, now: number): void {
    const recent = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.failures.set(address, recent);
    if (recent.length >= this.maxFailures) {
      this.blockedUntil.set(address, now + this.blockMs);
      this.failures.delete(address);
    }
    if (this.failures.size > 10_000) this.forgetOld(now);
  }

  /** Milliseconds this address must still wait, or 0. */
  blockedFor(address: string, now: number): number {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return 0;
    if (until <= now) {
      this.blockedUntil.delete(address);
      return 0;
    }
    return until - now;
  }

  private forgetOld(now: number): void {
    for (const [address, times] of this.failures) if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(address);
  }
}

function forwardedAddress(headers: Record<string, string | string[] | undefined>): string | undefined {
  const first = (name: string) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    return text?.split(',')[0]?.trim() || undefined;
  };
  return first('x-real-ip') ?? first('x-forwarded-for') ?? first('x-client-ip');
}
