import { Command, Option } from 'commander';
import { buildModel, formatSummary, summarizeModel, type ModelSpec } from '@lstmkit/models';
import { earlyStopping, evaluate, fit, saveModel, useBackend, outputsFor, type Callback, type OptimizerName } from '@lstmkit/trainer';
import { fraction, int, intList, positive } from '../parse.js';
import { progressCallback } from '../progress.js';
import { addDatasetOptions, datasetRequest, loadRequested, log, printJson } from '../shared.js';

export function trainCommand(): Command {
  const cmd = new Command('train').description('train a model on a dataset, evaluate it on the held-out test split and save it');
  addDatasetOptions(cmd)
    .option('--model <family>', 'model family (see `lstmkit models`)', 'vanilla')
    .option('--units <n[,n...]>', 'recurrent units (per layer)', intList('--units'), [128])
    .option('--activation <name>', 'cell activation', 'tanh')
    .option('--recurrent-activation <name>', 'gate activation', 'sigmoid')
    .option('--dropout <f>', 'input dropout', fraction('--dropout'))
    .option('--recurrent-dropout <f>', 'recurrent dropout', fraction('--recurrent-dropout'))
    .option('--dense <n[,n...]>', 'hidden dense layers before the output', intList('--dense'))
    .option('--epochs <n>', 'epochs', int('--epochs'), 5)
    .option('--batch-size <n>', 'batch size', int('--batch-size'), 32)
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(['adam', 'rmsprop', 'sgd', 'adagrad', 'adadelta', 'adamax']).default('adam'))
    .option('--learning-rate <lr>', "learning rate (default: Keras' default for the optimizer)", positive('--learning-rate'))
    .option('--validation-split <f>', 'hold out this share of the training data for validation', fraction('--validation-split'), 0)
    .option('--patience <n>', 'stop early when val_loss (or loss) has not improved for N epochs; restores the best weights', int('--patience', 0))
    .option('--seed <n>', 'seed for data splits, shuffling and initial weights', int('--seed', 0), 0)
    .option('--backend <name>', 'compute backend: auto or a name from `lstmkit backends`', 'auto')
    .option('--out <dir>', 'save the trained model here (model.json, weights.bin, lstmkit.json)')
    .option('--json', 'print one JSON object with the results on stdout')
    .option('--quiet', 'no progress output')
    .action(async (o) => {
      const choice = await useBackend(o.backend);
      if (!o.quiet) log(`backend: ${choice.name}${choice.device ? ` (${choice.device})` : ''}${choice.skipped.map((s) => `; skipped ${s.name}: ${s.reason}`).join('')}`);
      const request = datasetRequest(o, o.seed);
      const { train, test } = await loadRequested(request, o.quiet);
      const spec: ModelSpec = {
        family: o.model,
        inputShape: [train.shape[1], train.shape[2]],
        units: o.units.length === 1 ? o.units[0] : o.units,
        activation: o.activation,
        recurrentActivation: o.recurrentActivation,
        ...(o.dropout !== undefined ? { dropout: o.dropout } : {}),
        ...(o.recurrentDropout !== undefined ? { recurrentDropout: o.recurrentDropout } : {}),
        ...(o.dense ? { dense: o.dense } : {}),
        head: { task: train.task, outputs: outputsFor(train) },
        seed: o.seed,
      };
      const model = buildModel(spec);
      if (!o.quiet && !o.json) log(formatSummary(summarizeModel(model)));
      if (!o.quiet) log(`data: ${train.source}: ${train.shape[0]} train, ${test.shape[0]} test samples of ${train.shape[1]}x${train.shape[2]}`);
      const callbacks: Callback[] = [];
      if (!o.quiet) callbacks.push(progressCallback());
      if (o.patience !== undefined) callbacks.push(earlyStopping({ monitor: o.validationSplit > 0 ? 'val_loss' : 'loss', patience: o.patience, restoreBestWeights: true }));
      const history = await fit(model, train, {
        epochs: o.epochs,
        batchSize: o.batchSize,
        seed: o.seed,
        validationSplit: o.validationSplit || undefined,
        optimizer: o.optimizer as OptimizerName,
        learningRate: o.learningRate,
        callbacks,
      });
      const result = await evaluate(model, test);
      const secondsPerEpoch = history.epochs.reduce((s, e) => s + e.seconds, 0) / history.epochs.length;
      const trainSamples = Math.round(train.shape[0] * (1 - (o.validationSplit || 0)));
      const summary = {
        backend: choice.name,
        device: choice.device,
        dataset: request.name,
        source: train.source,
        model: spec.family,
        epochs: history.epochs.length,
        trainSamples,
        testSamples: test.shape[0],
        testAccuracy: result.accuracy,
        testLoss: result.loss,
        secondsPerEpoch,
        stoppedEarly: history.stoppedEarly,
        history: history.epochs,
        out: o.out,
      };
      if (o.out) {
        await saveModel(o.out, model, {
          spec,
          dataset: { name: request.name, source: train.source, task: train.task, timesteps: train.shape[1], features: train.shape[2], trainSamples, classNames: train.classNames },
          backend: choice.name,
          seed: o.seed,
          training: { request, epochs: o.epochs, batchSize: o.batchSize, optimizer: o.optimizer, learningRate: o.learningRate, validationSplit: o.validationSplit, history: history.epochs },
          metrics: { testAccuracy: result.accuracy, testLoss: result.loss, secondsPerEpoch },
        });
      }
      if (o.json) printJson(summary);
      else {
        const acc = result.accuracy === undefined ? `mae ${result.mae!.toFixed(4)}` : `accuracy ${(result.accuracy * 100).toFixed(2)}%`;
        log(`test: ${acc}, loss ${result.loss.toFixed(4)} on ${test.shape[0]} held-out samples; ${secondsPerEpoch.toFixed(1)} s/epoch on ${choice.name}`);
        log(o.out ? `saved to ${o.out}` : 'not saved (use --out DIR to keep the model)');
      }
    });
  return cmd;
}
