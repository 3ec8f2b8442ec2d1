import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { loadDataset } from '../node.js';
import { classCounts } from '../reshape/labels.js';

describe('fashion-mnist plugin', () => {
  it.runIf(hasSharedData('fashion-mnist'))('loads and verifies the original files', async () => {
    const { train, test } = await loadDataset('fashion-mnist', { source: `${SHARED_DATA}/fashion-mnist` });
    expect(train.shape).toEqual([60000, 28, 28]);
    expect(classCounts(test.y, 10)).toEqual(new Array(10).fill(1000));
    expect(train.classNames![9]).toBe('Ankle boot');
  });
});
