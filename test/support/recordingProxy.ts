import { createConnection, createServer, type Server } from 'node:net';

/**
 * A TCP proxy in front of the server that records every byte the server sends through it, so a test can
 * prove what crossed one participant's connection — not what the client chose to show.
 */
export class RecordingProxy {
  private readonly chunks: Buffer[] = [];
  private readonly server: Server;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        this.chunks.push(chunk);
        client.write(chunk);
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
  }

  listen(port: number): Promise<this> {
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => resolve(this)));
  }

  /** True when the text, UTF-8 encoded, appears anywhere in what the server sent. */
  received(text: string): boolean {
    return Buffer.concat(this.chunks).includes(Buffer.from(text, 'utf8'));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
