import { Command, Option } from 'commander';
import { exportOnnx, OnnxExportError } from '@lstmkit/onnx';
import { OnnxFileError, writeOnnxFile } from '@lstmkit/onnx/node';
import { UsageError } from '../errors.js';
import { loadSavedModel, out, printJson } from '../shared.js';

/** What cannot be exported or written is bad input: the message names the layer or the file (exit code 2). */
async function badInputAs<T>(work: Promise<T>, prefix: string): Promise<T> {
  return work.catch((e) => {
    if (e instanceof OnnxExportError || e instanceof OnnxFileError) throw new UsageError(`${prefix}${e.message}`, e instanceof OnnxFileError ? e.file : undefined);
    throw e;
  });
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export a saved model for other runtimes: ONNX (onnxruntime in Node/Python/browsers, Triton, TensorRT…)')
    .requiredOption('--model <dir>', 'a directory written by `lstmkit train --out`')
    .addOption(new Option('--format <format>', 'what to write').choices(['onnx']).default('onnx'))
    .requiredOption('--out <file>', 'the file to write, e.g. model.onnx (replaced only if lstmkit wrote it)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (o) => {
      const started = performance.now();
      const { model, metadata } = await loadSavedModel(o.model);
      const { task, classNames, preprocessing } = metadata.dataset;
      const exported = await badInputAs(exportOnnx(model, { metadata: { task, classNames, preprocessing, spec: metadata.spec } }), `${o.model}: `);
      await badInputAs(writeOnnxFile(o.out, exported.bytes), '');
      const seconds = (performance.now() - started) / 1000;
      const result = { model: o.model, out: o.out, format: o.format, opset: exported.opset, bytes: exported.bytes.byteLength, seconds, input: exported.input, output: exported.output, operators: exported.operators, removed: exported.removed, metadata: Object.keys(exported.metadata) };
      if (o.json) return printJson(result);
      const shape = (t: typeof exported.input) => `${t.name} ${t.type} [${t.shape.join(', ')}]`;
      out(`${o.out}: ONNX opset ${exported.opset}, ${(exported.bytes.byteLength / 1024).toFixed(1)} KiB, in ${seconds.toFixed(2)} s`);
      out(`  ${shape(exported.input)} -> ${shape(exported.output)}`);
      out(`  operators: ${Object.entries(exported.operators).map(([op, n]) => `${op} x${n}`).join(', ')}`);
      if (exported.removed.length) out(`  left out (training only): ${exported.removed.join(', ')}`);
      out(`  metadata: ${Object.keys(exported.metadata).join(', ')}`);
    });
}
