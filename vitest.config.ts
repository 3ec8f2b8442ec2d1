import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the packed-package test checks the built dist separately.
    alias: Object.fromEntries(['datasets', 'models', 'trainer', 'analysis', 'plot', 'native'].map((p) => [`@lstmkit/${p}`, src(p)])),
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // One tfjs engine per process: each test file gets its own fork.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
