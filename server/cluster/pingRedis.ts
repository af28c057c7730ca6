import { Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * Asks the Redis at `url` for a PING over a plain (or, for rediss://, TLS) connection and resolves once it
 * answers anything at all (a server that wants a password answers too; the client authenticates later).
 * Start-up uses it to fail in a moment with the reason when Redis is not there, where the Redis client
 * would retry forever.
 */
export function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const secure = protocol === 'rediss:';
  return new Promise((resolve, reject) => {
    const socket: Socket = secure ? connectTls({ host, port: Number(port || 6379), servername: host }) : new Socket();
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    socket.once('error', reject);
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
    const ask = () => socket.write('PING\r\n');
    if (secure) socket.once('secureConnect', ask);
    else socket.connect(Number(port || 6379), host, ask);
  });
}
