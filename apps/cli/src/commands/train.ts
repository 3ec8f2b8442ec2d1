import { Command, Option } from 'commander';
import { classCounts } from '@lstmkit/datasets';
import { buildModel, formatSummary, fusedRecurrentReport, getModelFamily, summarizeModel, type FusedLayerReport, type FusedOption, type ModelSpec } from '@lstmkit/models';
import { confusionMatrix } from '@lstmkit/analysis';
import { confusionMatrix as confusionChart, forecastChart, trainingCurves, type ChartSpec } from '@lstmkit/plot';
import { renderChart } from '@lstmkit/plot/node';
import { datasetInfo, earlyStopping, fit, forecastsInUnits, NonFiniteError, reduceLrOnPlateau, predict, scorePredictions, specForData, useBackend, type Callback, type Evaluation, type History, type OptimizerName } from '@lstmkit/trainer';
import { backupAndRestore, modelCheckpoint, saveModel } from '@lstmkit/trainer/node';
import { join } from 'node:path';
import { checkDatasetOptions, DEFAULTS, loadPreset, parseSetting, readJsonConfig, type TrainConfig } from '../config.js';
import { checkOutputs } from '../outputs.js';
import { UsageError } from '../errors.js';
import { addDatasetHelp, addModelFlags, argumentOf, familyOptions, sharedOptions } from '../family-flags.js';
import { fraction, int, positive } from '../parse.js';
import { passProgress, progressCallback } from '../progress.js';
import { classTable, formatClasses, loadRequested, log, out, printJson, type DatasetRequest } from '../shared.js';

/** Merges plain objects key by key (nested options such as embedding: { dim } keep what the other side set). */
function mergeOptions(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const old = out[k];
    const bothObjects = [v, old].every((x) => x && typeof x === 'object' && !Array.isArray(x));
    out[k] = bothObjects ? mergeOptions(old as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** Defaults, then the preset, then --config, then the flags given on the command line. */
function resolveConfig(cmd: Command, o: Record<string, any>): TrainConfig {
  const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
  let c: TrainConfig = { ...DEFAULTS };
  // Where each dataset option came from, to name it if the dataset has no such option.
  let origin: Record<string, string> = {};
  const layer = (extra: Partial<TrainConfig>, from: (key: string) => string) => {
    const options = mergeOptions(c.model.options, extra.model?.options);
    c = { ...c, ...extra, model: { ...c.model, ...extra.model, ...(Object.keys(options).length ? { options } : {}) }, set: { ...c.set, ...extra.set } };
    for (const key of Object.keys(extra.set ?? {})) origin[key] = from(key);
  };
  if (o.preset) layer(loadPreset(o.preset), (key) => `--preset ${o.preset}: set.${key}`);
  if (o.config) layer(readJsonConfig(o.config), (key) => `${o.config}: set.${key}`);
  const flags: Record<string, unknown> = {};
  for (const key of ['dataset', 'source', 'limit', 'testFraction', 'stream', 'epochs', 'batchSize', 'optimizer', 'learningRate', 'validationSplit', 'patience', 'lrPatience', 'seed', 'backend']) {
    if (given(key)) flags[key] = o[key];
  }
  if (given('verify')) flags.verify = o.verify;
  const model: Record<string, unknown> = sharedOptions(cmd);
  if (given('model')) model.family = o.model;
  if (given('fused')) model.fused = FUSED_FLAG[String(o.fused)];
  const set = Object.fromEntries((o.set ?? []).map(parseSetting));
  // A different dataset or model family on the command line starts from that family's defaults, not the preset's.
  if (given('dataset') && flags.dataset !== c.dataset) {
    c = { ...c, set: {}, source: undefined };
    origin = {};
  }
  if (model.family && model.family !== c.model.family) c = { ...c, model: { family: model.family as string } };
  // The family's own flags: only those of the family being trained, each read by its schema.
  const options = familyOptions(cmd, getModelFamily((model.family as string | undefined) ?? c.model.family));
  layer({ ...flags, model: { ...model, ...(Object.keys(options).length ? { options } : {}) } as TrainConfig['model'], set }, (key) => `--set ${key}`);
  return { ...c, set: checkDatasetOptions(c.dataset, c.set ?? {}, (key) => origin[key]!) };
}

/** --fused's words for the recurrent layers' `fused` option (--no-fused is off). */
const FUSED_FLAG: Record<string, FusedOption> = { auto: 'auto', on: true, off: false, false: false };
const FUSED_WORD = new Map<FusedOption, string>([['auto', 'auto'], [true, 'on'], [false, 'off']]);

/** One recurrent layer in the run's summary: its fused setting, and which code runs it and why. */
const describeLayer = (r: FusedLayerReport) =>
  `${r.layer} (--fused ${FUSED_WORD.get(r.fused)}): ${r.kernel ? `fused kernel, ${r.kernel}${r.note ? ` — ${r.note}` : ''}` : `tfjs-layers step-by-step code (${r.reason})`}`;

/** " (1.72 Temp)": an error in the data's own units, after the scaled one. */
const units = (e: Evaluation['inUnits']) => (e ? ` (${e.mae.toPrecision(3)} ${e.column})` : '');

/** Regression errors in the data's units and the persistence baseline, for lstmkit.json. */
const unitMetrics = (r: Evaluation) => ({
  ...(r.inUnits ? { testMaeInUnits: r.inUnits.mae, testLossInUnits: r.inUnits.loss } : {}),
  ...(r.persistence ? { persistenceMae: r.persistence.mae, persistenceMaeInUnits: r.persistence.inUnits?.mae } : {}),
});

export function trainCommand(argv: readonly string[] = process.argv): Command {
  const cmd = new Command('train').description('train a model on a dataset, evaluate it on the held-out test split and save it');
  cmd
    .option('--preset <name>', 'start from a built-in configuration (see `lstmkit presets`): w1, w2, w3, w4-rnn, w4-stacked, w5')
    .option('--config <file.json>', 'start from a JSON configuration file (same keys as the presets)')
    .option('--dataset <name>', 'registered dataset (see `lstmkit datasets`; default mnist)')
    .option('--source <path|url>', 'where the data is: a directory, file or URL (default: the embedded data)')
    .option('--set <key=value>', 'a dataset option, repeatable (e.g. --set timesteps=4); with --dataset X --help, lists X\'s', (v: string, all: string[] = []) => [...all, v])
    .option('--limit <n>', 'use at most N training samples (seeded choice)', int('--limit'))
    .option('--test-fraction <f>', 'test share when the source has no test split', fraction('--test-fraction'))
    .addOption(new Option('--no-verify', 'skip checksum verification of known files'))
    .option('--stream', 'read the training data in chunks, for files larger than memory (csv)')
    .option('--model <family>', 'model family (see `lstmkit models`; default vanilla); with --help, lists its options')
  // The families' own options: with --model X (and --help), X's; otherwise every family's, each saying whose.
  addModelFlags(cmd, argumentOf(argv, '--model'));
  addDatasetHelp(cmd, argumentOf(argv, '--dataset'));
  cmd
    .option('--epochs <n>', 'epochs (default 5)', int('--epochs'))
    .option('--batch-size <n>', 'batch size (default 32)', int('--batch-size'))
    .addOption(new Option('--optimizer <name>', 'optimizer (default adam)').choices(['adam', 'rmsprop', 'sgd', 'adagrad', 'adadelta', 'adamax']))
    .option('--learning-rate <lr>', "learning rate (default: Keras' default for the optimizer)", positive('--learning-rate'))
    .option('--validation-split <f>', 'hold out this share of the training data for validation', fraction('--validation-split'))
    .option('--patience <n>', 'stop early when val_loss (or loss) has not improved for N epochs; restores the best weights', int('--patience', 0))
    .option('--lr-patience <n>', 'multiply the learning rate by 0.1 when val_loss (or loss) has not improved for N epochs', int('--lr-patience', 1))
    .option('--seed <n>', 'seed for data splits, shuffling and initial weights (default 0)', int('--seed', 0))
    .option('--backend <name>', 'compute backend: auto or a name from `lstmkit backends` (default auto)')
    .addOption(
      new Option('--fused <mode>', "the recurrent layers' fused kernels (native on wasm/cpu, WGSL on webgpu): auto where one runs on the backend, else tfjs-layers' step-by-step code; on: always, or stop saying why; off: tfjs-layers' code (to compare). Saved with the model (default auto)").choices(['auto', 'on', 'off']),
    )
    .addOption(new Option('--no-fused', 'the same as --fused off'))
    .option('--checkpoint <dir>', 'during training, save the model after each epoch that improves the loss (val_loss with --validation-split); "{epoch}" in the path keeps every one')
    .option('--backup <dir>', "keep a backup of the run here at the end of each epoch; after a crash, the same command resumes from it (Keras' BackupAndRestore); deleted when the run has finished")
    .option('--out <dir>', 'save the trained model here (model.json, weights.bin, lstmkit.json, charts)')
    .option('--json', 'print one JSON object with the results on stdout')
    .option('--quiet', 'no progress output')
    .action(async (o) => {
      const c = resolveConfig(cmd, o);
      await checkOutputs(o, c.epochs);
      const say = (msg: string) => void (!o.quiet && log(msg));
      if (c.description) say(c.description);
      // The data first: a bad file is reported before the backends are started.
      const request: DatasetRequest = { name: c.dataset, source: c.source, seed: c.seed, testFraction: c.testFraction, limit: c.limit, verify: c.verify, options: c.set, ...(c.stream ? { stream: true } : {}) };
      const { train, test } = await loadRequested(request, o.quiet);
      const started = await useBackend(c.backend);
      const spec: ModelSpec = { ...specForData({ units: 128, ...c.model }, train), seed: c.seed };
      const model = buildModel(spec);
      // fused: true stops here, before any training, rather than at the first batch (or never falling back).
      const refused = fusedRecurrentReport(model).find((r) => r.fused === true && r.reason);
      if (refused) {
        const flag = cmd.getOptionValueSource('fused') === 'cli';
        const from = flag ? '--fused on' : 'model.fused: true';
        throw new UsageError(`${from}: layer "${refused.layer}" cannot run the fused kernel on ${started.name}: ${refused.reason} (--fused auto runs tfjs-layers' code where the kernel cannot)`, flag ? '--fused' : 'model.fused');
      }
      // Now that the model exists, make sure the backend can train it (e.g. wasm lacks the conv-filter gradient).
      const choice = await useBackend(c.backend, { model });
      say(`backend: ${choice.name}${choice.device ? ` (${choice.device})` : ''}${choice.skipped.map((s) => `; skipped ${s.name}: ${s.reason}`).join('')}`);
      for (const r of fusedRecurrentReport(model)) say(describeLayer(r));
      if (!o.quiet && !o.json) log(formatSummary(summarizeModel(model)));
      say(`data: ${train.source}: ${train.shape[0]} train, ${test.shape[0]} test samples of ${train.shape[1]}x${train.shape[2]}`);
      // Every class with its count before training, so that a surprising one (a stray label) is seen.
      const counts = 'x' in train && train.classNames ? classCounts(train.y, train.classNames.length) : undefined;
      const classes = counts && train.classNames ? classTable(train.classNames, counts) : undefined;
      if (counts) say(`classes in the training split (name: count): ${formatClasses(train.classNames!, counts)}`);
      else if (train.classNames) say(`classes (a stream is not counted ahead): ${formatClasses(train.classNames)}`);
      const callbacks: Callback[] = [];
      if (!o.quiet) callbacks.push(progressCallback());
      const monitor = c.validationSplit ? 'val_loss' : 'loss';
      if (c.patience !== undefined) callbacks.push(earlyStopping({ monitor, patience: c.patience, restoreBestWeights: true }));
      if (c.lrPatience !== undefined) callbacks.push(reduceLrOnPlateau({ monitor, patience: c.lrPatience, onReduce: (lr, epoch) => say(`learning rate ${lr.toPrecision(3)} after epoch ${epoch + 1}`) }));
      const trainSamples = Math.round(train.shape[0] * (1 - (c.validationSplit || 0)));
      const metadata = {
        spec,
        dataset: { ...datasetInfo(train, { trainSamples }), name: c.dataset },
        backend: choice.name,
        seed: c.seed,
      };
      const settings = { request, epochs: c.epochs, batchSize: c.batchSize, optimizer: c.optimizer, learningRate: c.learningRate, validationSplit: c.validationSplit };
      let lastCheckpoint: string | undefined;
      let backedUp = 0;
      if (o.checkpoint) {
        const onSave = (dir: string, epoch: number) => {
          lastCheckpoint = dir;
          say(`checkpoint: epoch ${epoch} saved to ${dir}`);
        };
        callbacks.push(modelCheckpoint({ dir: o.checkpoint, monitor, metadata: { ...metadata, training: settings }, onSave }));
      }
      // The same command resumes: the backup must come from a run with the same model, data and settings (more epochs are fine).
      const backup = o.backup
        ? backupAndRestore({
            dir: o.backup,
            label: `--backup ${o.backup}`,
            deleteAtEnd: false,
            run: { spec, request, settings: { ...settings, epochs: undefined }, patience: c.patience, lrPatience: c.lrPatience, checkpoint: o.checkpoint },
            onRestore: (epochs) => say(`resuming from the backup in ${o.backup}: ${epochs} of ${c.epochs} epochs done`),
            onSave: (epochs) => {
              backedUp = epochs;
              say(`backup: epoch ${epochs} saved to ${o.backup}`);
            },
          })
        : undefined;
      let history: History;
      try {
        history = await fit(model, train, {
          epochs: c.epochs,
          batchSize: c.batchSize,
          seed: c.seed,
          validationSplit: c.validationSplit || undefined,
          optimizer: c.optimizer as OptimizerName,
          learningRate: c.learningRate,
          callbacks,
          backup,
        });
      } catch (e) {
        if (!(e instanceof NonFiniteError)) throw e;
        const kept = [lastCheckpoint && `the best checkpoint so far stays in ${lastCheckpoint}`, backedUp && `the backup in ${o.backup} holds epoch ${backedUp}`].filter(Boolean);
        throw new NonFiniteError(e.where, `${e.problem}. Nothing was saved${o.out ? ` to ${o.out}` : ''}${kept.length ? `; ${kept.join(', ')}` : ''}`);
      }
      const predictions = await predict(model, test, { onProgress: passProgress('evaluating on the test split', o.quiet) });
      const result = scorePredictions(test, predictions);
      const secondsPerEpoch = history.epochs.reduce((s, e) => s + e.seconds, 0) / history.epochs.length;
      const charts: string[] = [];
      if (o.out) {
        // Pictures of the run, made before the save so that model, metadata and charts replace the old ones together.
        const title = `${spec.family} on ${c.dataset}`;
        const files: Record<string, string | Uint8Array> = {};
        const add = async (name: string, chart: ChartSpec) => {
          const { svg, png } = await renderChart(chart);
          Object.assign(files, { [`${name}.svg`]: svg, [`${name}.png`]: png });
          charts.push(join(o.out, `${name}.png`));
        };
        await add('training', trainingCurves.spec({ history: history.epochs, title }));
        const series = forecastsInUnits(test, predictions);
        if (series) await add('forecast', forecastChart.spec({ ...series, unit: series.column, title: `${title}: test split, next value` }));
        if (predictions.classes && train.classNames) {
          const matrix = confusionMatrix(test.y, predictions.classes, train.classNames.length);
          await add('confusion', confusionChart.spec({ matrix, classNames: train.classNames, title: `${title}: test split` }));
        }
        await saveModel(
          o.out,
          model,
          { ...metadata, training: { ...settings, history: history.epochs }, metrics: { testAccuracy: result.accuracy, testLoss: result.loss, testMae: result.mae, ...unitMetrics(result), secondsPerEpoch } },
          { files, label: `--out ${o.out}` },
        );
      }
      await backup?.remove();
      if (o.json) {
        printJson({
          backend: choice.name,
          device: choice.device,
          dataset: c.dataset,
          source: train.source,
          model: spec.family,
          params: summarizeModel(model).totalParams,
          recurrentLayers: fusedRecurrentReport(model),
          epochs: history.epochs.length,
          trainSamples,
          testSamples: test.shape[0],
          classes,
          testAccuracy: result.accuracy,
          testLoss: result.loss,
          testMae: result.mae,
          ...(result.inUnits ? { testInUnits: result.inUnits } : {}),
          ...(result.persistence ? { persistence: result.persistence } : {}),
          secondsPerEpoch,
          stoppedEarly: history.stoppedEarly,
          history: history.epochs,
          out: o.out,
          charts,
        });
      } else {
        const acc = result.accuracy === undefined ? `mae ${result.mae!.toFixed(4)}${units(result.inUnits)}` : `accuracy ${(result.accuracy * 100).toFixed(2)}%`;
        out(`test: ${acc}, loss ${result.loss.toFixed(4)} on ${test.shape[0]} held-out samples; ${secondsPerEpoch.toFixed(2)} s/epoch on ${choice.name}`);
        if (result.persistence) out(`persistence baseline (next = last seen): mae ${result.persistence.mae.toFixed(4)}${units(result.persistence.inUnits && { ...result.persistence.inUnits, column: result.inUnits!.column })}`);
        out(o.out ? `saved to ${o.out} (charts: ${charts.map((f) => f.replace(/^.*\//, '')).join(', ')})` : 'not saved (use --out DIR to keep the model)');
      }
    });
  return cmd;
}
