import { digitFromPixels } from '@lstmkit/datasets';
import { predict as run } from '@lstmkit/trainer';
import type { DrawnImage } from '../protocol.js';
import { needData, needModel } from './state.js';

/** A drawing prepared as MNIST's digits were (@lstmkit/datasets), then classified by the current model. */
export async function predictDrawing({ image }: { image: DrawnImage }) {
  const model = needModel();
  const classNames = [...(needData().test.classNames ?? [])];
  const digit = digitFromPixels(image);
  if (!digit) return { digit: null, probabilities: [], classNames };
  const rows = Array.from({ length: 28 }, (_, r) => Array.from(digit.subarray(28 * r, 28 * r + 28)));
  const { outputs } = await run(model, [rows]);
  return { digit, probabilities: Array.from(outputs), classNames };
}
