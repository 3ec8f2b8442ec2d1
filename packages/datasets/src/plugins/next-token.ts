import { DatasetError } from '../errors.js';
import { intOption } from '../options.js';
import { readData, utf8Text } from '../tabular/open-data.js';
import { buildVocabulary, tokenIds, tokens } from '../text/tokenize.js';
import { choice, Type } from '@lstmkit/plugin';
import type { DatasetPlugin, LoadOptions, SequenceDataset } from '../types.js';

/** The next-token dataset's own options. */
export const NEXT_TOKEN_OPTIONS = Type.Object({
  level: choice(['char', 'word'], { default: 'char', description: 'tokens are characters or words' }),
  window: Type.Integer({ minimum: 1, default: 40, description: 'tokens of context per sample' }),
  step: Type.Integer({ minimum: 1, default: 3, description: "tokens between sample starts (as Keras' character-level text generation example)" }),
  vocabulary: Type.Optional(Type.Integer({ minimum: 3, description: 'largest vocabulary, incl. padding and OOV (default 100 for characters, 5,000 for words)' })),
  lowercase: Type.Optional(Type.Boolean({ description: 'lowercase the text first (default: true for words, false for characters)' })),
});

/** What the next-token dataset's `load` takes: the options of every dataset and its own. */
export type NextTokenOptions = LoadOptions<typeof NEXT_TOKEN_OPTIONS>;

/**
 * A plain text cut into windows: `window` tokens in, the token that follows out, for next-token (generative)
 * models. The last testFraction of the text is the test set (windows overlap, so a random split would leak).
 */
export const nextToken: DatasetPlugin<typeof NEXT_TOKEN_OPTIONS> = {
  name: 'next-token',
  description: 'a plain text (.txt or .gz) -> windows of character or word ids, target = the next token (generative models)',
  task: 'multiclass',
  sources: 'a .txt file (or .txt.gz); required',
  options: NEXT_TOKEN_OPTIONS,
  async load(options = {}) {
    const source = options.source;
    if (!source) throw new DatasetError('next-token option "source"', 'required: a text file');
    const text = utf8Text(await readData(source), source);
    const level = options.level ?? 'char';
    if (level !== 'char' && level !== 'word') throw new DatasetError('next-token option "level"', `expected "char" or "word", got ${JSON.stringify(level)}`);
    const window = intOption('next-token', 'window', options.window, 40);
    const step = intOption('next-token', 'step', options.step, 3);
    const lowercase = options.lowercase ?? level === 'word';
    const all = tokens(text, level, lowercase);
    const cut = Math.round(all.length * (1 - (options.testFraction ?? 0.1)));
    if (cut - window < 1 || all.length - cut - window < 1) throw new DatasetError(source, `${all.length} ${level}s are too few for windows of ${window} and a test part`);
    const size = intOption('next-token', 'vocabulary', options.vocabulary, level === 'char' ? 100 : 5000, 3);
    const vocabulary = buildVocabulary([all.slice(0, cut).join(level === 'char' ? '' : ' ')], size, lowercase, level);
    const ids = tokenIds(all, vocabulary);
    const preprocessing = { kind: 'tokenize' as const, vocabulary, length: window, lowercase, level };
    const make = (from: number, to: number, part: string): SequenceDataset => {
      const starts: number[] = [];
      for (let s = from; s + window < to; s += step) starts.push(s);
      const x = new Float32Array(starts.length * window);
      const y = new Int32Array(starts.length);
      starts.forEach((s, i) => {
        x.set(ids.slice(s, s + window), i * window);
        y[i] = ids[s + window]!;
      });
      return { name: 'next-token', source: `${source} (${part})`, x, shape: [starts.length, window, 1], y, task: 'multiclass', classNames: vocabulary, preprocessing };
    };
    return { train: make(0, cut, 'train'), test: make(cut, all.length, 'test') };
  },
};
