import { configDefaults, defineConfig } from 'vitest/config';

// One config for the client build (Vite) and the tests (Vitest).
export default defineConfig({
  root: 'client',
  publicDir: false,
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Phaser alone is about 1.2 MB minified; the budget that matters is the gzipped total (`npm run bench`).
    chunkSizeWarningLimit: 2000,
  },
  // `npx vite` for client work: the API is proxied to a SimCell server on 2567 (the room connects to it directly).
  server: { proxy: { '/api': 'http://localhost:2567' } },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    // Cluster tests need Redis and PostgreSQL: `npm run test:cluster` (test/cluster/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
