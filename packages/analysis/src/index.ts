import './register.js';

export { AnalysisInputError, checkMatrix, type Matrix } from './matrix.js';
export { centroidsOf, kmeans, type KMeansResult } from './cluster/kmeans.js';
export { adjustedRandIndex, matchClusters, nmi, purity, silhouette } from './cluster/quality.js';
export { confusionMatrix, perClassAccuracy } from './metrics/confusion.js';
export { projectorTsv } from './export/projector.js';
export { tsne, type TsneOptions, type TsneStage } from './projection/tsne.js';
export { nearestNeighbours, type NeighbourOptions, type Neighbours } from './projection/knn.js';
export { trustworthiness } from './projection/trustworthiness.js';
export { umap, type UmapOptions } from './projection/umap.js';
export { getProjection, listProjections, project, registerProjection, unregisterProjection, type ProjectionPlugin, type ProjectionRunOptions } from './projection/registry.js';
export { TSNE_OPTIONS } from './projections/tsne.js';
export { UMAP_OPTIONS } from './projections/umap.js';
export type { FftRepulsionOptions } from './projection/fft-repulsion.js';
export { Threads, webThreads, type ThreadPort } from './parallel/threads.js';
export type { Job, KernelArgs, KernelName } from './parallel/kernels.js';
