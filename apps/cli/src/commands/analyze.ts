import { join } from 'node:path';
import { Command, Option } from 'commander';
import { adjustedRandIndex, centroidsOf, getProjection, kmeans, listProjections, matchClusters, nmi, project, projectorTsv, purity, silhouette, type Matrix } from '@lstmkit/analysis';
import { nodeThreads } from '@lstmkit/analysis/node';
import { concatDatasets } from '@lstmkit/datasets';
import { getChart, listCharts, type ScatterData } from '@lstmkit/plot';
import { renderChart } from '@lstmkit/plot/node';
import { layerFeatures, useBackend } from '@lstmkit/trainer';
import { checkOutputTarget, writeArtefact, type ArtefactKind } from '@lstmkit/trainer/node';
import { UsageError } from '../errors.js';
import { int } from '../parse.js';
import { chosenOptions, describeField, flagFor, pluginFields } from '../option-flags.js';
import { stagedProgress } from '../progress.js';
import { addDatasetOptions, datasetRequest, loadRequested, loadSavedModel, out, printJson, type DatasetRequest } from '../shared.js';

const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN', 'Bidirectional']);

/** An analysis folder: analysis.json marks it (and lists the other files). */
const ANALYSIS_ARTEFACT: ArtefactKind = {
  what: 'an lstmkit analysis',
  marker: 'analysis.json',
  // Analyses written before analysis.json had a format field are recognised by their fields.
  isMarker: (j) => {
    const a = j as { format?: unknown; projection?: unknown; layer?: unknown; metrics?: unknown } | null;
    return a?.format === 'lstmkit-analysis' || (typeof a?.projection === 'string' && typeof a?.layer === 'string' && typeof a?.metrics === 'object');
  },
  legacyFiles: /^(embedding\.tsv|projector-(vectors|metadata)\.tsv|[\w-]+-(classes|clusters)\.(svg|png))$/,
};

/** Charts that draw 2-D points coloured by class (their data is `ScatterData`). */
const scatterCharts = (): string[] => listCharts().filter((c) => c.data === 'scatter').map((c) => c.name);

const points2d = (m: Matrix, names: (i: number) => string) => Array.from({ length: m.rows }, (_, i) => ({ x: m.values[2 * i]!, y: m.values[2 * i + 1]!, label: names(i) }));

export function analyzeCommand(): Command {
  const cmd = new Command('analyze').description("hidden-state analysis of a trained model: a layer's outputs on the test split -> t-SNE, k-means, centroids, cluster metrics, plots");
  cmd.requiredOption('--model <dir>', 'a directory written by `lstmkit train --out`');
  addDatasetOptions(cmd)
    .option('--layer <name>', 'layer whose outputs are analysed (default: the last recurrent layer)')
    .addOption(new Option('--projection <name>', 'projection to 2-D (its options below)').choices(listProjections().map((p) => p.name)).default('tsne'))
    .addOption(new Option('--chart <name>', 'chart of the 2-D points (a registered chart that draws a scatter)').choices(scatterCharts()).default('embedding-scatter'))
    .option('--clusters <k>', 'k-means clusters (default: the number of classes)', int('--clusters'))
    .addOption(new Option('--split <name>', 'which samples: the test split, the train split, or all of them').choices(['test', 'train', 'all']).default('test'))
    .option('--count <n>', 'analyse the first N samples of the split (default: all)', int('--count'))
    .option('--seed <n>', 'seed for the projection and k-means', int('--seed', 0), 0)
    .option('--backend <name>', 'compute backend', 'auto')
    .requiredOption('--out <dir>', 'where to write analysis.json, embedding.tsv, projector TSVs and the plots')
    .option('--json', 'print the summary as JSON on stdout')
  // Each registered projection's own options as flags (a third-party projection's too), marked with whose they are.
  for (const { field, owners } of pluginFields(listProjections()).values()) cmd.addOption(flagFor(field, `${describeField(field)} [${owners.join(', ')}]`).helpGroup('Options of the projections:'));
  cmd.action(async (o) => {
      const started = performance.now();
      const projection = getProjection(o.projection);
      const projectionOptions = chosenOptions(cmd, listProjections(), projection, 'projection', 'lstmkit analyze --help');
      // Before minutes of work: --out must be a folder lstmkit may write.
      await checkOutputTarget(o.out, ANALYSIS_ARTEFACT, `--out ${o.out}`);
      const { model, metadata } = await loadSavedModel(o.model);
      await useBackend(o.backend);
      const layer = o.layer ?? [...model.layers].reverse().find((l) => RECURRENT.has(l.getClassName()))?.name;
      if (!layer) throw new UsageError(`--layer: ${o.model} has no recurrent layer; give one of ${model.layers.map((l) => l.name).join(', ')}`);
      const splits = await loadRequested(datasetRequest(o, metadata.seed, metadata.training?.request as DatasetRequest | undefined), o.json);
      const all = o.split === 'all' ? concatDatasets(splits.train, splits.test) : splits[o.split as 'train' | 'test'];
      const n = Math.min(o.count ?? all.shape[0], all.shape[0]);
      const [, t, f] = all.shape;
      const test = { ...all, x: all.x.subarray(0, n * t * f), y: all.y.subarray(0, n), shape: [n, t, f] as const };
      const classNames = test.classNames ?? [];
      if (test.task === 'regression') throw new UsageError('analyze needs a classifier: the clusters are compared with the classes');
      const progress = stagedProgress(o.json);
      progress.onProgress(0, n, 'features');
      const features = await layerFeatures(model, test, layer, { onProgress: (d, t) => progress.onProgress(d, t, 'features') });
      const featureSeconds = (performance.now() - started) / 1000;
      const projectionStart = performance.now();
      // t-SNE's iterations share the machine's cores.
      const threads = nodeThreads();
      const embedding = await project(projection.name, features, { ...projectionOptions, seed: o.seed, threads, onProgress: progress.onProgress })
        .finally(() => threads?.close());
      const projectionSeconds = (performance.now() - projectionStart) / 1000;
      const stageSeconds = progress.finish();
      const k = o.clusters ?? classNames.length;
      const clusters = kmeans(features, k, { seed: o.seed }).assignments;
      const toClass = matchClusters(clusters, test.y);
      const metrics = { purity: purity(clusters, test.y), nmi: nmi(clusters, test.y), adjustedRandIndex: adjustedRandIndex(clusters, test.y), silhouette: silhouette(features, clusters, { seed: o.seed }) };
      const classCentroids = points2d(centroidsOf(embedding, test.y, classNames.length), (c) => classNames[c] ?? String(c));
      const clusterCentroids = points2d(centroidsOf(embedding, clusters, k), (c) => `c${c}→${classNames[toClass[c]!] ?? toClass[c]}`);
      const name = (i: number) => classNames[test.y[i]!] ?? String(test.y[i]);
      const projector = projectorTsv(features, { label: Array.from({ length: n }, (_, i) => name(i)), cluster: Array.from(clusters) });
      const files: Record<string, string | Uint8Array> = {
        'projector-vectors.tsv': projector.vectors,
        'projector-metadata.tsv': projector.metadata,
        'embedding.tsv': `x\ty\tlabel\tcluster\n${Array.from({ length: n }, (_, i) => `${embedding.values[2 * i]}\t${embedding.values[2 * i + 1]}\t${name(i)}\t${clusters[i]}`).join('\n')}\n`,
      };
      const title = `${metadata.spec.family} layer ${layer} on ${n} ${metadata.dataset.name} ${o.split === 'all' ? '' : `${o.split} `}samples, ${o.projection}`;
      const charts: string[] = [];
      for (const [kind, centroids, caption] of [['classes', classCentroids, 'class centroids'], ['clusters', clusterCentroids, `k-means (k=${k}) centroids`]] as const) {
        const scatter: ScatterData = { points: embedding.values, labels: test.y, classNames, centroids, title: `${title}, ${caption}` };
        const { svg, png } = await renderChart(getChart(o.chart).spec(scatter));
        const base = o.chart === 'embedding-scatter' ? `${o.projection}-${kind}` : `${o.projection}-${kind}-${o.chart}`;
        Object.assign(files, { [`${base}.svg`]: svg, [`${base}.png`]: png });
        charts.push(join(o.out, `${base}.png`));
      }
      const summary = {
        model: o.model,
        layer,
        split: o.split,
        samples: n,
        featureDims: features.cols,
        projection: o.projection,
        clusters: k,
        metrics,
        clusterToClass: toClass.map((c) => classNames[c] ?? c),
        classCentroids,
        clusterCentroids,
        seconds: { features: featureSeconds, projection: projectionSeconds, stages: stageSeconds, total: (performance.now() - started) / 1000 },
        charts,
      };
      // Everything in one atomic step: an earlier analysis there is replaced whole, or not at all.
      await writeArtefact(o.out, ANALYSIS_ARTEFACT, { files, marker: { format: 'lstmkit-analysis', ...summary } }, `--out ${o.out}`);
      if (o.json) printJson(summary);
      else {
        const stages = Object.entries(stageSeconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
        out(`${n} samples, layer ${layer} (${features.cols} dims); features + ${o.projection} ${(featureSeconds + projectionSeconds).toFixed(1)} s (${stages}); total ${summary.seconds.total.toFixed(1)} s`);
        out(`k-means k=${k}: purity ${metrics.purity.toFixed(3)}, NMI ${metrics.nmi.toFixed(3)}, ARI ${metrics.adjustedRandIndex.toFixed(3)}, silhouette ${metrics.silhouette.toFixed(3)}`);
        out(`wrote ${o.out}: analysis.json, embedding.tsv, projector-*.tsv, ${charts.map((c) => c.replace(/^.*\//, '')).join(', ')} (+ .svg)`);
      }
    });
  return cmd;
}
