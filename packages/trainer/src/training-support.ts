import { buildModel, listModelFamilies, type ModelSpec } from '@lstmkit/models';
import { useBackend } from './backends/registry.js';
import { missingTrainingKernel } from './can-train.js';

const classify = { task: 'multiclass', outputs: 3 } as const;

/** A small model of each built-in family that uses what distinguishes it (conv front, Embedding, seq2seq…). */
export const PROBE_SPECS: Readonly<Record<string, ModelSpec>> = {
  vanilla: { family: 'vanilla', inputShape: [6, 4], units: 4, head: classify },
  stacked: { family: 'stacked', inputShape: [6, 4], units: [4, 4], batchNorm: true, head: classify },
  bidirectional: { family: 'bidirectional', inputShape: [6, 4], units: 4, head: classify },
  rnn: { family: 'rnn', inputShape: [6, 4], units: 4, head: classify },
  gru: { family: 'gru', inputShape: [6, 4], units: 4, head: classify },
  'cnn-lstm': { family: 'cnn-lstm', inputShape: [6, 4], units: 4, conv: { filters: 2, kernelSize: 3 }, head: classify },
  'encoder-decoder': { family: 'encoder-decoder', inputShape: [6, 1], units: [4, 4], outputSteps: 2, head: { task: 'regression', outputs: 1 } },
  generative: { family: 'generative', inputShape: [6, 1], units: 4, embedding: { vocabulary: 10, dim: 3 }, head: { task: 'multiclass', outputs: 10 } },
  'vanilla + Embedding': { family: 'vanilla', inputShape: [6, 1], units: 4, embedding: { vocabulary: 10, dim: 3 }, head: { task: 'binary', outputs: 1 } },
};

/** Whether a backend can train a model family, and why not. */
export interface FamilySupport {
  readonly family: string;
  /** The kernel the backend lacks to train it, if any. */
  readonly missing?: string;
}

/**
 * Which model families `backend` can train: activates it and runs one gradient pass of a small model of each
 * (families registered by third parties without a probe spec are tried as vanilla-shaped). Leaves `backend` active.
 */
export async function trainingSupport(backend: string): Promise<FamilySupport[]> {
  await useBackend(backend);
  const names = [...new Set([...Object.keys(PROBE_SPECS), ...listModelFamilies().map((f) => f.name)])];
  return names.map((family) => {
    const model = buildModel(PROBE_SPECS[family] ?? { ...PROBE_SPECS.vanilla!, family });
    try {
      const missing = missingTrainingKernel(model);
      return missing ? { family, missing } : { family };
    } finally {
      model.dispose();
    }
  });
}
