import { encodeTexts, tokens } from '@lstmkit/datasets';
import { predict } from '@lstmkit/trainer';
import type { TextReading } from '../protocol.js';
import { needModel, state } from './state.js';

/**
 * A text read by the current model: tokenised and padded by @lstmkit/datasets with the vocabulary the model was
 * trained with (kept in its record, as a saved model keeps it), then its class probabilities.
 */
export async function readText({ text }: { text: string }): Promise<TextReading> {
  const model = needModel();
  const p = state.record?.dataset.preprocessing;
  if (p?.kind !== 'tokenize') throw new Error('this model does not read text: train one on a text data set (imdb, or a text TSV), or open one');
  const known = new Set(p.vocabulary);
  const words = tokens(text, p.level ?? 'word', p.lowercase).map((word) => ({ word, known: known.has(word) }));
  const ids = encodeTexts([text], p);
  // A model with an Embedding front reads token ids as one sequence of ids ([length]), as the trainer's `predict` takes them.
  const { outputs } = await predict(model, [Array.from(ids)]);
  const probabilities = outputs.length === 1 ? [1 - outputs[0]!, outputs[0]!] : Array.from(outputs);
  return { tokens: words, probabilities, classNames: state.classNames ?? probabilities.map((_, i) => String(i)) };
}
