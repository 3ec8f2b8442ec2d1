import type { ModelSpec, ModelSummary } from '@lstmkit/models';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { call } from '../client.js';
import { PluginSelect } from './plugin-select.js';
import { FAMILY_FIELDS, SHARED_OPTIONS } from '../model-options.js';
import { PRESETS, type Preset } from '../presets.js';
import type { DataInfo, FamilyInfo } from '../protocol.js';
import { SchemaForm } from '../ui/schema-form.js';
import { defaultsOf, fieldsOf, flatten, nest, problemOf } from '../ui/schema.js';
import { SummaryTable } from './summary-table.js';
import { mirrorOption } from '../mirror.js';

type Training = { epochs: number; batchSize: number; optimizer: 'adam' | 'rmsprop' | 'sgd'; validationSplit: number };
const FALLBACK_BASE: Pick<ModelSpec, 'inputShape' | 'head'> = { inputShape: [28, 28], head: { task: 'multiclass', outputs: 10 } };

/** Settings of single layers (a preset's `model.layers`, e.g. W2's first LSTM: relu, dropout 0.4); the form has no fields for them. */
type LayerSettings = Record<string, unknown>[];

/** The spec the form describes: the data decides the input shape and the head (the worker fills in the rest). */
function specOf(family: string, options: Record<string, unknown>, base: Pick<ModelSpec, 'inputShape' | 'head'>, layers?: LayerSettings): ModelSpec {
  const { units, dense, ...rest } = options as { units: number[]; dense?: number[] };
  return { family, ...base, ...rest, units: units.length === 1 ? units[0]! : units, ...(dense?.length ? { dense } : {}), ...(layers ? { layers } : {}) } as ModelSpec;
}

/** A layer's own settings in words: "layer 1: activation relu, dropout 0.4". */
const layerText = (layers: LayerSettings) => layers.map((l, i) => `layer ${i + 1}: ${Object.entries(l).map(([k, v]) => `${k} ${v}`).join(', ')}`).join('; ');

/** Pick a family, set its options (a form generated from their JSON Schema), see the Keras-style summary live. */
export function ModelView({ data, onSpec, onTraining, onData }: { data?: DataInfo; onSpec: (s: ModelSpec) => void; onTraining: (t: Training) => void; onData: (d: DataInfo) => void }) {
  const [families, setFamilies] = useState<FamilyInfo[]>([]);
  const [family, setFamily] = useState('vanilla');
  const own = families.find((f) => f.name === family)?.options;
  // The shared fields, then the family's own: from its options schema (values under `options`), or today's fields.
  const fields = useMemo(() => [...fieldsOf(SHARED_OPTIONS), ...(own ? fieldsOf(own, 'options.') : fieldsOf(FAMILY_FIELDS))], [own]);
  // What the person set; every other field shows its default.
  const [set, setSet] = useState<Record<string, unknown>>({});
  const values = { ...defaultsOf(fields), ...set };
  const [summary, setSummary] = useState<ModelSummary>();
  const [error, setError] = useState<string>();
  const [layers, setLayers] = useState<LayerSettings>();
  const [preset, setPreset] = useState<{ name: string; status: string; error?: boolean }>();
  useEffect(() => void call('families', {}).then(setFamilies), []);
  const invalid = fields.find((f) => (!f.families || f.families.includes(family)) && problemOf(values[f.key], f.schema));
  useEffect(() => {
    if (invalid) return setError(`${invalid.key}: ${problemOf(values[invalid.key], invalid.schema)}`);
    const spec = specOf(family, nest(values, fields, family), data?.specBase ?? FALLBACK_BASE, layers);
    let current = true;
    call('summary', { spec })
      .then((s) => {
        if (!current) return;
        setSummary(s);
        setError(undefined);
        onSpec(spec);
      })
      .catch((e: Error) => current && (setError(e.message), setSummary(undefined)));
    return () => void (current = false);
  }, [family, JSON.stringify(values), data, JSON.stringify(layers)]);
  /**
   * A preset as `lstmkit train --preset` runs it: its data set with its options (fetched through the mirror set in
   * the Data tab), its model (per-layer settings kept for their layers only), seed 0 and its training settings.
   */
  const applyPreset = async (p: Preset) => {
    const { family: f, layers: own, ...model } = p.model as { family: string; layers?: LayerSettings } & Record<string, unknown>;
    const next: Record<string, unknown> = { ...flatten(model), seed: 0 };
    next.units = Array.isArray(next.units) ? next.units : [next.units];
    setFamily(f);
    setSet(next);
    setLayers(own);
    onTraining({ epochs: p.epochs, batchSize: p.batchSize, optimizer: p.optimizer, validationSplit: p.validationSplit ?? 0 });
    setPreset({ name: p.name, status: `loading ${p.dataset}…` });
    try {
      const info = await call('loadData', { dataset: p.dataset, options: { seed: 0, ...p.set, ...mirrorOption() } });
      onData(info);
      setPreset({ name: p.name, status: `${p.dataset}: ${info.train.toLocaleString()} train / ${info.test.toLocaleString()} test loaded` });
    } catch (e) {
      setPreset({ name: p.name, status: `${p.dataset}: ${(e as Error).message}`, error: true });
    }
  };
  return (
    <div class="grid two">
      <div class="card">
        <h2>Build a model</h2>
        <div class="presets" role="group" aria-label="reference presets">
          {PRESETS.map((p) => (
            <button key={p.name} class="chip" title={p.description} aria-pressed={preset?.name === p.name} onClick={() => void applyPreset(p)}>
              {p.name.toUpperCase()}
            </button>
          ))}
        </div>
        {preset && (
          <p id="preset-status" class={preset.error ? 'error' : 'muted'} role={preset.error ? 'alert' : 'status'}>
            {preset.name.toUpperCase()}: {preset.status}
          </p>
        )}
        {layers && (
          <p class="muted" id="layer-settings">
            per-layer settings: {layerText(layers)} <button class="link" onClick={() => setLayers(undefined)}>clear</button>
          </p>
        )}
        <PluginSelect id="family" label="family" plugins={families} value={family} onChange={(f) => (setFamily(f), setLayers(undefined))} />
        <SchemaForm fields={fields} values={values} family={family} onChange={(k, v) => setSet((old) => ({ ...old, [k]: v }))} />
      </div>
      <div class="card">
        <h2>Summary</h2>
        {!data && <p class="muted">Load data to fit the input and output layers to it; shown for 28×28 digits meanwhile.</p>}
        {error && <p class="error" role="alert">{error}</p>}
        {summary && <SummaryTable summary={summary} />}
      </div>
    </div>
  );
}
