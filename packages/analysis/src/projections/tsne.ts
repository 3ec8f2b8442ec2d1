import { choice, Type } from '@lstmkit/plugin';
import type { ProjectionPlugin } from '../projection/registry.js';
import { tsne as runTsne } from '../projection/tsne.js';

/** t-SNE's options as a projection plugin (scikit-learn's names and defaults where it has them). */
export const TSNE_OPTIONS = Type.Object({
  perplexity: Type.Number({ exclusiveMinimum: 0, default: 30, description: 't-SNE perplexity: about how many neighbours each point keeps close' }),
  iterations: Type.Integer({ minimum: 1, default: 1000, description: 't-SNE iterations, early exaggeration included' }),
  neighbourDims: Type.Integer({ minimum: 0, default: 50, description: 't-SNE neighbour search on this many principal components (0: every column); affinities use every column' }),
  method: choice(['auto', 'barnes-hut', 'fft'], { default: 'auto', description: 't-SNE repulsion: Barnes–Hut, FFT interpolation (FIt-SNE), or auto (FFT from 10,000 points)' }),
});

/** t-SNE: Barnes–Hut below 10,000 points, FFT-interpolated (FIt-SNE) above. */
export const tsne: ProjectionPlugin<typeof TSNE_OPTIONS> = {
  name: 'tsne',
  description: 't-SNE, Barnes–Hut below 10,000 points, FFT-interpolated (FIt-SNE) above (perplexity, iterations)',
  options: TSNE_OPTIONS,
  project: (m, o) => runTsne(m, o),
};
