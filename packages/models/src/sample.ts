import { tf, type LayersModel } from './tf.js';

/** How `sampleTokens` draws a continuation: length, temperature and randomness. */
export interface SampleOptions {
  /** How many tokens to generate. */
  readonly length: number;
  /** < 1 sharper (more likely tokens), > 1 more random; 0 = always the most likely token. Default 1. */
  readonly temperature?: number;
  /** Random source in [0, 1); default Math.random (pass a seeded one for repeatable text). */
  readonly random?: () => number;
}

/** Draws an index from probabilities re-weighted by temperature (p^(1/T), renormalised). */
export function sampleIndex(probs: ArrayLike<number>, temperature: number, random: () => number): number {
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < probs.length; i++) if (probs[i]! > probs[best]!) best = i;
    return best;
  }
  const w = Array.from(probs, (p) => Math.exp(Math.log(Math.max(p, 1e-12)) / temperature));
  const total = w.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < w.length; i++) {
    r -= w[i]!;
    if (r <= 0) return i;
  }
  return w.length - 1;
}

/**
 * Generates tokens with a next-token model: feeds the last `window` tokens (the model's input length), samples the
 * next one, slides the window. `prompt` must hold at least one token; it is left-padded with 0 to the window.
 */
export function sampleTokens(model: LayersModel, prompt: readonly number[], options: SampleOptions): number[] {
  const window = model.inputs[0]!.shape[1] as number;
  const random = options.random ?? Math.random;
  const out: number[] = [];
  const context = [...prompt];
  for (let i = 0; i < options.length; i++) {
    const ids = context.slice(-window);
    while (ids.length < window) ids.unshift(0);
    const probs = tf.tidy(() => (model.predict(tf.tensor2d([ids], [1, window])) as tf.Tensor).dataSync());
    const next = sampleIndex(probs, options.temperature ?? 1, random);
    out.push(next);
    context.push(next);
  }
  return out;
}
