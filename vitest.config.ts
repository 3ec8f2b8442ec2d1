import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the packed-package test checks the built dist separately.
    // '@lstmkit/trainer' -> packages/trainer/src/index.ts, '@lstmkit/trainer/node' -> packages/trainer/src/node.ts.
    alias: [
      { find: /^@lstmkit\/(datasets|models|trainer|analysis|plot|native|onnx)$/, replacement: `${packages}$1/src/index.ts` },
      { find: /^@lstmkit\/(datasets|models|trainer|analysis|plot|native|onnx)\/([\w-]+)$/, replacement: `${packages}$1/src/$2.ts` },
    ],
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
