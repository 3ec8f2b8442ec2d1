// Registers the built-in projections (this package's side effect at import; package.json's `sideEffects` lists
// it). A third-party projection is one file like projections/umap.ts and one registerProjection call.
import { registerProjection } from './projection/registry.js';
import { tsne } from './projections/tsne.js';
import { umap } from './projections/umap.js';

registerProjection(tsne);
registerProjection(umap);
