import { buildModel, listModelFamilies } from '@lstmkit/models';
import { useBackend } from './backends/registry.js';
import { missingTrainingKernel } from './can-train.js';

/** Whether a backend can train a model family, and why not. */
export interface FamilySupport {
  readonly family: string;
  /** The kernel the backend lacks to train it, if any. */
  readonly missing?: string;
}

/**
 * Which registered model families `backend` can train: activates it and runs one gradient pass of each family's
 * own example (`ModelFamily.example`), so a family a third party registers is in the table too. Leaves `backend`
 * active.
 */
export async function trainingSupport(backend: string): Promise<FamilySupport[]> {
  await useBackend(backend);
  return listModelFamilies().map(({ name: family, example }) => {
    const model = buildModel(example);
    try {
      const missing = missingTrainingKernel(model);
      return missing ? { family, missing } : { family };
    } finally {
      model.dispose();
    }
  });
}
