import { loadDataset, type SequenceDataset } from '@lstmkit/datasets';
import { buildModel } from '@lstmkit/models';

/** Real embedded MNIST digits, a small seeded subset so tests stay fast. */
export async function smallDigits(trainSamples = 600): Promise<{ train: SequenceDataset; test: SequenceDataset }> {
  const { train, test } = await loadDataset('mnist', { seed: 1, limit: trainSamples });
  return { train, test };
}

export const smallModel = (units = 16, seed = 1) =>
  buildModel({ family: 'vanilla', inputShape: [28, 28], units, head: { task: 'multiclass', outputs: 10 }, seed });
