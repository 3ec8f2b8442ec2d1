import { centroidsOf, getProjection, kmeans, matchClusters, nmi, purity, type Matrix } from '@lstmkit/analysis';
import { subset } from '@lstmkit/datasets';
import { embeddingScatter, renderSvg } from '@lstmkit/plot';
import { layerFeatures } from '@lstmkit/trainer';
import type { Event, Projection } from '../protocol.js';
import { needData, needModel, recurrentLayerName } from './state.js';

/** The 2-D rows of `m` as labelled points for the scatter. */
const labelled = (m: Matrix, label: (i: number) => string) =>
  Array.from({ length: m.rows }, (_, i) => ({ x: m.values[2 * i]!, y: m.values[2 * i + 1]!, label: label(i) })).filter((p) => Number.isFinite(p.x));

/**
 * The recurrent layer's outputs on (the first `samples` of) the test split, projected to 2-D (t-SNE or UMAP), with
 * k-means on the outputs scored against the classes (purity, NMI). The scatter is drawn twice: with each class's
 * centroid, and with each k-means cluster's centroid (labelled with the class most of its points are).
 */
export async function project(req: { samples: number; method: string; clusters?: number }, post: (e: Event) => void): Promise<Projection> {
  const model = needModel();
  const { test } = needData();
  // The first n test samples, so a point's index is its test sample's index (hover and brushing show it).
  const data = req.samples > 0 && req.samples < test.shape[0] ? subset(test, Array.from({ length: req.samples }, (_, i) => i)) : test;
  const layer = recurrentLayerName(model);
  const features = await layerFeatures(model, data, layer, { onProgress: (done, total) => post({ event: 'progress', stage: `${layer} outputs`, done, total }) });
  const classNames = [...(data.classNames ?? ['all'])];
  const labels = data.task === 'regression' ? new Int32Array(data.shape[0]) : Int32Array.from(data.y);
  const k = Math.min(req.clusters || classNames.length, data.shape[0]);
  const clusters = kmeans(features, k, { seed: 0 });
  const embedding = await getProjection(req.method).project(features, {
    seed: 0,
    perplexity: Math.min(30, Math.max(2, Math.floor((data.shape[0] - 1) / 3))),
    onProgress: (done, total, stage) => post({ event: 'progress', stage: `${req.method}${stage ? `: ${stage}` : ''}`, done, total }),
  });
  const toClass = matchClusters(clusters.assignments, labels);
  const title = `${req.method} of the ${layer} outputs (${data.shape[0]} test samples)`;
  const scatter = (centroids: ReturnType<typeof labelled>, caption: string) =>
    renderSvg(embeddingScatter.spec({ points: embedding.values, labels, classNames, centroids, title: `${title}, ${caption}` }));
  const svg = {
    classes: await scatter(labelled(centroidsOf(embedding, labels, classNames.length), (i) => classNames[i]!), 'class centroids'),
    clusters: await scatter(labelled(centroidsOf(embedding, clusters.assignments, k), (c) => `c${c}→${classNames[toClass[c]!] ?? toClass[c]}`), `k-means (k=${k}) centroids`),
  };
  return { svg, points: embedding.values, labels, clusters: k, purity: purity(clusters.assignments, labels), nmi: nmi(clusters.assignments, labels), samples: data.shape[0] };
}
