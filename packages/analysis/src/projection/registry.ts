import type { Matrix } from '../matrix.js';
import { tsne } from './tsne.js';
import { umap } from './umap.js';

/** A projection plugin: points in, 2-D points out. */
export interface ProjectionPlugin {
  readonly name: string;
  readonly description: string;
  /** Projects the rows of `m` to two dimensions. */
  project(m: Matrix, options: { seed?: number; onProgress?: (done: number, total: number) => void } & Record<string, unknown>): Promise<Matrix>;
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

registerProjection({ name: 'tsne', description: 'Barnes–Hut t-SNE (perplexity, iterations)', project: (m, o) => tsne(m, o) });
registerProjection({ name: 'umap', description: 'UMAP through umap-js (neighbors, minDist, epochs)', project: (m, o) => umap(m, o) });
