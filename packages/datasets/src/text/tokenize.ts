import type { Preprocessing } from '../types.js';

/** Token id of padding. */
export const PAD = 0;
/** Token id of words outside the vocabulary. */
export const OOV = 1;
const OOV_TOKEN = '<oov>';

// Keras' Tokenizer filters, plus HTML tags (IMDB reviews hold "<br />"), which Keras would turn into "br" words.
const FILTER = /<[^>]*>|[!"#$%&()*+,\-./:;<=>?@[\\\]^_`{|}~\t\n]/g;

/** Lower-cased words, punctuation and HTML tags removed (as Keras' text_to_word_sequence, plus tag removal). */
export function words(text: string, lowercase = true): string[] {
  return (lowercase ? text.toLowerCase() : text).replace(FILTER, ' ').split(/\s+/).filter(Boolean);
}

/** The tokens of a text at a level: words as above, or every character (whitespace runs become one space). */
export function tokens(text: string, level: 'word' | 'char' = 'word', lowercase = true): string[] {
  if (level === 'word') return words(text, lowercase);
  return Array.from((lowercase ? text.toLowerCase() : text).replace(/\s+/g, ' '));
}

/** Ids of tokens in a vocabulary (unknown tokens -> OOV). */
export function tokenIds(toks: readonly string[], vocabulary: readonly string[]): number[] {
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  return toks.map((t) => index.get(t) ?? OOV);
}

/**
 * The vocabulary of the most frequent words in `texts`: index 0 is padding, 1 the out-of-vocabulary token, then
 * words by falling count (ties in order of first appearance), `size` entries in all (Keras' num_words).
 */
export function buildVocabulary(texts: Iterable<string>, size: number, lowercase = true, level: 'word' | 'char' = 'word'): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of tokens(t, level, lowercase)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w); // Array sort is stable
  return ['', OOV_TOKEN, ...ranked.slice(0, Math.max(0, size - 2))];
}

/**
 * Token ids of each text, padded with 0 or truncated to `length`; both at the front, as Keras' pad_sequences
 * does by default, so the last words (closest to the prediction) are kept.
 */
export function encodeTexts(texts: readonly string[], p: Extract<Preprocessing, { kind: 'tokenize' }>): Float32Array {
  const out = new Float32Array(texts.length * p.length);
  // One index for all texts (building it per text made 25,000 reviews take seconds).
  const index = new Map(p.vocabulary.map((w, i) => [w, i]));
  texts.forEach((text, n) => {
    const ids = tokens(text, p.level ?? 'word', p.lowercase).map((t) => index.get(t) ?? OOV);
    const kept = ids.slice(-p.length);
    out.set(kept, n * p.length + (p.length - kept.length));
  });
  return out;
}
