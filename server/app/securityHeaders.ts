import type { NextFunction, Request, Response } from 'express';

/**
 * Headers for every response: no sniffing, no framing, no referrer leaks, and a Content-Security-Policy
 * that allows the client's own scripts and its WebSocket only — a scenario text or a player's message that
 * contains markup can never run as script.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * For a standalone document such as the after-action report (server/report/): no script at all, and only
 * the inline stylesheet whose hash is given — the client's `'unsafe-inline'` styles are not extended to it.
 */
export function documentPolicy(styleHash: string): string {
  return [
    "default-src 'none'",
    `style-src ${styleHash}`,
    'img-src data:',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.removeHeader('X-Powered-By');
  next();
}
