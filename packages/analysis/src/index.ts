export { AnalysisInputError, checkMatrix, type Matrix } from './matrix.js';
export { centroidsOf, kmeans, type KMeansResult } from './cluster/kmeans.js';
export { adjustedRandIndex, matchClusters, nmi, purity, silhouette } from './cluster/quality.js';
export { confusionMatrix, perClassAccuracy } from './metrics/confusion.js';
export { projectorTsv } from './export/projector.js';
export { tsne, type TsneOptions } from './projection/tsne.js';
export { trustworthiness } from './projection/trustworthiness.js';
export { umap, type UmapOptions } from './projection/umap.js';
export { getProjection, listProjections, registerProjection, type ProjectionPlugin } from './projection/registry.js';
