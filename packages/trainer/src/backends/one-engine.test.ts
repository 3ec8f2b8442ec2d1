import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const here = createRequire(import.meta.url);

/** The tfjs-core file a package gets when it imports '@tensorflow/tfjs-core'. */
const coreOf = (pkg: string) => realpathSync(createRequire(here.resolve(pkg)).resolve('@tensorflow/tfjs-core'));

describe('one TensorFlow.js engine', () => {
  it('the union package and every backend plugin share one copy of @tensorflow/tfjs-core', () => {
    const copies = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'].map(coreOf));
    expect([...copies]).toHaveLength(1);
  });
});
