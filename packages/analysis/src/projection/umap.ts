import { seededRandom } from '../random.js';
import { UMAP } from 'umap-js';
import { AnalysisInputError, checkMatrix, row, type Matrix } from '../matrix.js';

/** UMAP settings (umap-js), seeded. */
export interface UmapOptions {
  /** Neighbours of the fuzzy graph; default 15 (umap-js and umap-learn). */
  readonly neighbors?: number;
  readonly minDist?: number;
  readonly epochs?: number;
  readonly seed?: number;
  /** Called every 25 epochs with the epochs done and the total. */
  readonly onProgress?: (epoch: number, epochs: number) => void;
  /** Checked every epoch. */
  readonly signal?: AbortSignal;
}

/** UMAP to 2-D through umap-js (seeded). umap-js starts from a random layout, not umap-learn's spectral one. */
export async function umap(m: Matrix, options: UmapOptions = {}): Promise<Matrix> {
  checkMatrix(m);
  const nNeighbors = options.neighbors ?? 15;
  if (m.rows <= nNeighbors) throw new AnalysisInputError(`neighbors: ${nNeighbors} needs more than ${nNeighbors} points (got ${m.rows})`);
  const u = new UMAP({ nComponents: 2, nNeighbors, minDist: options.minDist ?? 0.1, nEpochs: options.epochs, random: seededRandom(options.seed ?? 0) });
  const data = Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i)));
  const epochs = u.initializeFit(data);
  for (let e = 0; e < epochs; e++) {
    options.signal?.throwIfAborted();
    u.step();
    if (options.onProgress && (e % 25 === 24 || e === epochs - 1)) options.onProgress(e + 1, epochs);
  }
  return { values: Float32Array.from(u.getEmbedding().flat()), rows: m.rows, cols: 2 };
}
