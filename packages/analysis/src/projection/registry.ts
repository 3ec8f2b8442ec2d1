import type { Matrix } from '../matrix.js';
import { tsne } from './tsne.js';
import { umap } from './umap.js';

/** A projection plugin: points in, 2-D points out. */
export interface ProjectionPlugin {
  readonly name: string;
  readonly description: string;
  /** `onProgress` reports each stage in turn (t-SNE: neighbours, affinities, iterations); `signal` cancels. */
  project(m: Matrix, options: { seed?: number; onProgress?: (done: number, total: number, stage?: string) => void; signal?: AbortSignal } & Record<string, unknown>): Promise<Matrix>;
}

const projections = new Map<string, ProjectionPlugin>();

/** Adds a projection (or replaces one of the same name). */
export function registerProjection(p: ProjectionPlugin): void {
  projections.set(p.name, p);
}

/** Every registered projection. */
export const listProjections = (): ProjectionPlugin[] => [...projections.values()];

/** The projection registered under `name`; an error listing the registered names if there is none. */
export function getProjection(name: string): ProjectionPlugin {
  const p = projections.get(name);
  if (!p) throw new Error(`unknown projection "${name}"; registered: ${[...projections.keys()].join(', ')}`);
  return p;
}

registerProjection({ name: 'tsne', description: 't-SNE, Barnes–Hut below 10,000 points, FFT-interpolated (FIt-SNE) above (perplexity, iterations)', project: (m, o) => tsne(m, o) });
registerProjection({ name: 'umap', description: 'UMAP through umap-js (neighbors, minDist, epochs)', project: (m, o) => umap(m, o) });
