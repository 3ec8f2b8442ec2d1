import { limitSamples } from '@lstmkit/datasets';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { fit, useBackend } from '@lstmkit/trainer';
import type { Event } from '../protocol.js';
import { needData } from './state.js';

/**
 * The same model (same spec, so the same initial weights) trained for `steps` batches on each backend in turn; the
 * median milliseconds per train step of each, from the trainer's own batch timings (the first step, which
 * compiles shaders or kernels, is left out).
 */
export async function benchmark(req: { spec: ModelSpec; backends: string[]; steps: number; batchSize: number }, post: (e: Event) => void) {
  const data = limitSamples(needData().train, (req.steps + 1) * req.batchSize, 0);
  const rows: { backend: string; msPerStep?: number; error?: string }[] = [];
  for (const [i, backend] of req.backends.entries()) {
    // Progress, not a status line: the comparison shows it, the training panel is not about it.
    post({ event: 'progress', stage: `timing ${backend}`, done: i, total: req.backends.length });
    try {
      await useBackend(backend);
      const model = buildModel(req.spec);
      const times: number[] = [];
      let last = performance.now();
      try {
        await fit(model, data, {
          epochs: 1,
          batchSize: req.batchSize,
          seed: 0,
          callbacks: [{ onTrainBegin: () => void (last = performance.now()), onBatchEnd: () => void times.push(-last + (last = performance.now())) }],
        });
      } finally {
        model.dispose();
      }
      const sorted = times.slice(1).sort((a, b) => a - b);
      rows.push({ backend, msPerStep: sorted[Math.floor(sorted.length / 2)] });
    } catch (e) {
      rows.push({ backend, error: (e as Error).message });
    }
  }
  return rows;
}
