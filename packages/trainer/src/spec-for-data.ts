import type { SequenceDataset, SequenceStream } from '@lstmkit/datasets';
import { getModelFamily, type ModelSpec } from '@lstmkit/models';
import { optionFields, setOption, type FromData } from '@lstmkit/plugin';
import { outputsFor } from './batches.js';

/** A model spec without what the data decides (the input shape and the output head). */
export type ModelChoice = Omit<ModelSpec, 'inputShape' | 'head'>;

/** The value of a `fromData` option for this data, if the data has one. */
function fromData(what: FromData, data: SequenceDataset | SequenceStream): number | undefined {
  if (what === 'vocabulary') return data.preprocessing?.kind === 'tokenize' ? data.preprocessing.vocabulary.length : undefined;
  return data.targetShape?.[0];
}

/**
 * The full spec of a model for `data`: its input shape and output head from the data, and every family option whose
 * default the data decides (`fromData` in the family's schema: a tokenised text's vocabulary size for an Embedding
 * that is asked for, a forecast's horizon for a decoder) where it is not given.
 */
export function specForData(model: ModelChoice, data: SequenceDataset | SequenceStream): ModelSpec {
  const options: Record<string, unknown> = structuredClone({ ...model.options });
  for (const field of optionFields(getModelFamily(model.family).options)) {
    if (!field.fromData) continue;
    const parent = field.path.slice(0, -1).reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], options) as Record<string, unknown> | undefined;
    // An option inside an object the spec does not ask for (an Embedding it has not got) stays out.
    if (field.path.length > 1 && parent === undefined) continue;
    const value = fromData(field.fromData, data);
    if ((field.path.length > 1 ? parent?.[field.path.at(-1)!] : options[field.key]) === undefined && value !== undefined) setOption(options, field.path, value);
  }
  return {
    ...model,
    inputShape: [data.shape[1], data.shape[2]],
    head: { task: data.task, outputs: outputsFor(data) },
    ...(Object.keys(options).length ? { options } : {}),
  };
}
