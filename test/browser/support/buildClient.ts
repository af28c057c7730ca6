import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLIENT_DIST = join(ROOT, 'dist/client');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];
const LOCK = join(ROOT, 'dist/.client-build-lock');

/**
 * Builds the client with Vite when dist/client is missing or older than any client or shared source.
 * Test files run in parallel workers, so a lock directory makes one build and the others wait for it.
 */
export async function ensureClientBuilt(): Promise<string> {
  if (!isStale()) return CLIENT_DIST;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  while (!tryLock()) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!isStale()) return CLIENT_DIST;
  }
  try {
    if (isStale()) {
      // Vitest sets NODE_ENV=test, which would make Vite build a development bundle.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        const { build } = await import('vite');
        await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
    }
  } finally {
    rmdirSync(LOCK);
  }
  return CLIENT_DIST;
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock older than two minutes belongs to a build that died.
    if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmdirSync(LOCK);
    return false;
  }
}

function isStale(): boolean {
  const index = join(CLIENT_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newest(join(ROOT, source)) > built);
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}
