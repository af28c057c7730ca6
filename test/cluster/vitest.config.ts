import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: cluster mode against the machine's Redis and PostgreSQL, with real server processes.
// Not part of `npm test` (vite.config.ts leaves test/cluster out); .ci/run runs both.
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['test/cluster/**/*.test.ts'],
    // Fails the run at once, saying how to start them, when Redis or PostgreSQL is not there.
    globalSetup: ['test/cluster/support/checkServices.ts'],
    // The files start several server processes each: one file at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
