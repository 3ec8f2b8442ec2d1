import { Type } from '@lstmkit/plugin';
import type { ProjectionPlugin } from '../projection/registry.js';
import { umap as runUmap } from '../projection/umap.js';

/** UMAP's options as a projection plugin (umap-js' defaults). */
export const UMAP_OPTIONS = Type.Object({
  neighbors: Type.Integer({ minimum: 2, default: 15, description: 'UMAP neighbours of the fuzzy graph' }),
  minDist: Type.Number({ minimum: 0, default: 0.1, description: 'UMAP minimum distance between embedded points' }),
  epochs: Type.Optional(Type.Integer({ minimum: 1, description: "UMAP optimisation epochs (default: umap-js' choice by size)" })),
});

/** UMAP through umap-js, seeded. */
export const umap: ProjectionPlugin<typeof UMAP_OPTIONS> = {
  name: 'umap',
  description: 'UMAP through umap-js (neighbors, minDist, epochs)',
  options: UMAP_OPTIONS,
  project: (m, o) => runUmap(m, o),
};
