import { Command } from 'commander';
import { evaluate, useBackend } from '@lstmkit/trainer';
import { passProgress } from '../progress.js';
import { addDatasetOptions, datasetRequest, loadRequested, loadSavedModel, out, printJson, type DatasetRequest } from '../shared.js';

export function evaluateCommand(): Command {
  const cmd = new Command('evaluate').description("evaluate a saved model on its dataset's test split (or another source)");
  cmd.requiredOption('--model <dir>', 'a directory written by `lstmkit train --out`');
  addDatasetOptions(cmd)
    .option('--backend <name>', 'compute backend', 'auto')
    .option('--json', 'print one JSON object on stdout')
    .action(async (o) => {
      const { model, metadata } = await loadSavedModel(o.model);
      const choice = await useBackend(o.backend);
      const request = datasetRequest(o, metadata.seed, metadata.training?.request as DatasetRequest | undefined);
      const { test } = await loadRequested(request, o.json);
      const r = await evaluate(model, test, { onProgress: passProgress('evaluating', o.json) });
      const summary = { model: o.model, backend: choice.name, dataset: request.name, source: test.source, testSamples: r.samples, testAccuracy: r.accuracy, testLoss: r.loss, testMae: r.mae };
      if (o.json) printJson(summary);
      else out(`${o.model} on ${test.source}: ${r.accuracy !== undefined ? `accuracy ${(r.accuracy * 100).toFixed(2)}%` : `mae ${r.mae!.toFixed(4)}`}, loss ${r.loss.toFixed(4)} (${r.samples} samples, ${choice.name})`);
    });
  return cmd;
}
