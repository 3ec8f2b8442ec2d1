import { Command } from 'commander';
import { encodeTexts, type SequenceDataset } from '@lstmkit/datasets';
import { predict, useBackend } from '@lstmkit/trainer';
import type { ModelMetadata } from '@lstmkit/trainer/node';
import { UsageError } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { int } from '../parse.js';
import { addDatasetOptions, datasetRequest, loadRequested, loadSavedModel, out, printJson, type DatasetRequest } from '../shared.js';

/** Reads sequences from a JSON file: [[[f, ...], ...timesteps], ...samples] or one sequence [[f, ...], ...]. */
function readInput(file: string, meta: ModelMetadata): SequenceDataset {
  const data = readJsonFile(file);
  const { timesteps: t, features: f } = meta.dataset;
  const samples = (Array.isArray(data) && Array.isArray((data as unknown[][])[0]?.[0]) ? data : [data]) as number[][][];
  const x = new Float32Array(samples.length * t * f);
  samples.forEach((s, i) => {
    if (!Array.isArray(s) || s.length !== t) throw new UsageError(`${file}: sample ${i} has ${Array.isArray(s) ? s.length : 'no'} timesteps, the model expects ${t}`);
    s.forEach((step, j) => {
      if (!Array.isArray(step) || step.length !== f || step.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        throw new UsageError(`${file}: sample ${i}, timestep ${j}: expected ${f} finite numbers`);
      }
      x.set(step, (i * t + j) * f);
    });
  });
  return { name: 'input', source: file, x, shape: [samples.length, t, f], y: new Int32Array(samples.length), task: meta.dataset.task, classNames: meta.dataset.classNames };
}

export function predictCommand(): Command {
  const cmd = new Command('predict').description('predict with a saved model: on a JSON file of sequences, or on test samples of a dataset');
  cmd
    .requiredOption('--model <dir>', 'a directory written by `lstmkit train --out`')
    .option('--input <file.json>', 'sequences as JSON: [samples][timesteps][features]')
    .option('--text <text...>', 'raw texts, for a model trained on the text dataset (its saved vocabulary is used)');
  addDatasetOptions(cmd)
    .option('--count <n>', 'how many test samples to predict (without --input)', int('--count'), 10)
    .option('--backend <name>', 'compute backend', 'auto')
    .option('--json', 'print JSON on stdout')
    .action(async (o) => {
      const { model, metadata } = await loadSavedModel(o.model);
      await useBackend(o.backend);
      let ds: SequenceDataset;
      let truth: ArrayLike<number> | undefined;
      const prep = metadata.dataset.preprocessing;
      if (o.text) {
        if (prep?.kind !== 'tokenize') throw new UsageError(`--text: ${o.model} was not trained on text (it has no saved vocabulary)`);
        const x = encodeTexts(o.text, prep);
        ds = { name: 'text', source: 'command line', x, shape: [o.text.length, prep.length, 1], y: new Int32Array(o.text.length), task: metadata.dataset.task, classNames: metadata.dataset.classNames };
      } else if (o.input) ds = await readInput(o.input, metadata);
      else {
        const { test } = await loadRequested(datasetRequest(o, metadata.seed, metadata.training?.request as DatasetRequest | undefined), true);
        const n = Math.min(o.count, test.shape[0]);
        const stride = test.shape[1] * test.shape[2];
        ds = { ...test, x: test.x.subarray(0, n * stride), y: test.y.subarray(0, n), shape: [n, test.shape[1], test.shape[2]] };
        truth = ds.y;
      }
      const p = await predict(model, ds);
      const names = metadata.dataset.classNames;
      const k = p.shape[1];
      const rows = Array.from({ length: p.shape[0] }, (_, i) => {
        const c = p.classes?.[i];
        return {
          index: i,
          ...(c !== undefined ? { predicted: names?.[c] ?? c, probability: k === 1 ? (c ? p.outputs[i]! : 1 - p.outputs[i]!) : p.outputs[i * k + c]! } : { value: p.outputs[i]! }),
          ...(truth ? { actual: names?.[truth[i]!] ?? truth[i] } : {}),
        };
      });
      if (o.json) printJson(rows);
      else for (const r of rows) out(`#${r.index}: ${'predicted' in r ? `${r.predicted} (p=${(r.probability as number).toFixed(3)})` : r.value}${'actual' in r ? `  actual ${r.actual}` : ''}`);
    });
  return cmd;
}
