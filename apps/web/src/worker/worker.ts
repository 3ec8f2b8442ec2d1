// The page's worker: all data, models and tfjs live here, so the page never freezes while training or projecting.
// It answers the calls of protocol.ts one by one; pause/resume/stop are answered at once, even during a run.
import './backends.js';
import './digits.js';
import { listProjections } from '@lstmkit/analysis';
import { listModelFamilies, summarizeModel, buildModel } from '@lstmkit/models';
import { probeBackends, runsIn } from '@lstmkit/trainer';
import type { CallName, Calls, Event, Reply, Request } from '../protocol.js';
import { benchmark } from './benchmark.js';
import { datasets, loadData, loadFile } from './data.js';
import { exportFiles, importFiles, list, open, remove, save } from './keep.js';
import { predictDrawing } from './predict.js';
import { project } from './project.js';
import { samples } from './samples.js';
import { backendReady, specFor } from './state.js';
import { forecastSeries } from './forecast.js';
import { readText } from './read-text.js';
import { pause, resume, stop, train } from './train.js';

const post = (m: Reply | Event) => (self as unknown as Worker).postMessage(m);

type Handlers = { [K in CallName]: (payload: Calls[K][0]) => Calls[K][1] | Promise<Calls[K][1]> };

const handlers: Handlers = {
  // Only the backends that can run in a browser (the trainer marks Node's own).
  probe: async () => (await probeBackends()).filter((b) => runsIn(b)).map(({ name, available, device, reason, notForAuto }) => ({ name, available, device, reason, notForAuto })),
  datasets,
  projections: () => listProjections().map(({ name, description }) => ({ name, description })),
  // A family's options schema (JSON Schema) crosses as plain JSON.
  families: () => listModelFamilies().map((f) => ({ name: f.name, description: f.description, ...('options' in f && f.options ? { options: JSON.parse(JSON.stringify(f.options)) } : {}) })),
  loadData: (req) => loadData(req, (stage, done, total) => post({ event: 'progress', stage, done, total })),
  loadFile,
  summary: ({ spec }) => {
    const model = buildModel(specFor(spec));
    try {
      return summarizeModel(model);
    } finally {
      model.dispose();
    }
  },
  train: (s) => train(s, post),
  pause: () => (pause(), null),
  resume: () => (resume(), null),
  stop: () => (stop(), null),
  benchmark: (req) => benchmark(req, post),
  samples,
  predict: predictDrawing,
  project: (req) => project(req, post),
  readText,
  forecast: forecastSeries,
  save,
  list,
  remove,
  open,
  exportFiles,
  importFiles,
};

/** Calls answered at once, even while a run holds the backend. */
const CONTROL = new Set<CallName>(['pause', 'resume', 'stop', 'probe', 'datasets', 'families', 'projections']);

self.onmessage = async ({ data }: MessageEvent<Request>) => {
  const handler = handlers[data.call] as (p: unknown) => unknown;
  try {
    // Everything that runs tfjs needs a backend: the trainer's pick until one is chosen.
    if (!CONTROL.has(data.call)) await backendReady();
    post({ id: data.id, ok: true, value: await handler(data.payload) });
  } catch (e) {
    post({ id: data.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
