import { expect, it } from 'vitest';

// LSTMKIT_THREADS is read by the trainer and given to @lstmkit/native's loaders, which take the count as an option.
// Set before the trainer's kernels module loads (each test file runs in a process of its own), which registers them.
process.env.LSTMKIT_THREADS = '1';
const { installFusedKernels, kernelThreads } = await import('./fused-kernels.js');

it('LSTMKIT_THREADS sets the threads of the kernels the trainer registers', async () => {
  const choice = await installFusedKernels();
  expect(choice).toMatchObject({ name: expect.stringMatching(/^(native C\+\+ \([\w+]+, 1 thread\)|wasm SIMD128 \(1 thread: asked for 1\))$/) });
});

it('an option wins over LSTMKIT_THREADS, and a setting that is not a thread count is named', () => {
  expect(kernelThreads(3)).toEqual({ threads: 3 });
  expect(kernelThreads()).toEqual({ threads: 1 });
  process.env.LSTMKIT_THREADS = 'two';
  expect(kernelThreads()).toEqual({ reason: 'LSTMKIT_THREADS="two" is not a positive integer (the fused kernels\' threads per call)' });
  process.env.LSTMKIT_THREADS = '';
  expect(kernelThreads()).toEqual({ threads: undefined });
});
