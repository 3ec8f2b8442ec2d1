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

type Training = { epochs: number; batchSize: number; optimizer: 'adam' | 'rmsprop' | 'sgd' };
const FALLBACK_BASE: Pick<ModelSpec, 'inputShape' | 'head'> = { inputShape: [28, 28], head: { task: 'multiclass', outputs: 10 } };

/** The spec the form describes: the data decides the input shape and the head. */
function specOf(family: string, options: Record<string, unknown>, base: Pick<ModelSpec, 'inputShape' | 'head'>): ModelSpec {
  const { units, dense, ...rest } = options as { units: number[]; dense?: number[] };
  return { family, ...base, ...rest, units: units.length === 1 ? units[0]! : units, ...(dense?.length ? { dense } : {}) } as ModelSpec;
}

/** Pick a family, set its options (a form generated from their JSON Schema), see the Keras-style summary live. */
export function ModelView({ data, onSpec, onTraining }: { data?: DataInfo; onSpec: (s: ModelSpec) => void; onTraining: (t: Training) => void }) {
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
  useEffect(() => void call('families', {}).then(setFamilies), []);
  const invalid = fields.find((f) => (!f.families || f.families.includes(family)) && problemOf(values[f.key], f.schema));
  useEffect(() => {
    if (invalid) return setError(`${invalid.key}: ${problemOf(values[invalid.key], invalid.schema)}`);
    const spec = specOf(family, nest(values, fields, family), data?.specBase ?? FALLBACK_BASE);
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
  }, [family, JSON.stringify(values), data]);
  const applyPreset = (p: Preset) => {
    const { family: f, layers, ...model } = p.model as { family: string; layers?: Record<string, unknown>[] } & Record<string, unknown>;
    // A preset's per-layer settings (W2's first layer) apply to every layer here: the form has no per-layer fields.
    const next = { ...flatten(model), ...(layers?.[0] ?? {}) };
    next.units = Array.isArray(next.units) ? next.units : [next.units];
    setFamily(f);
    setSet(next);
    onTraining({ epochs: p.epochs, batchSize: p.batchSize, optimizer: p.optimizer });
  };
  return (
    <div class="grid two">
      <div class="card">
        <h2>Build a model</h2>
        <div class="presets" role="group" aria-label="reference presets">
          {PRESETS.map((p) => (
            <button key={p.name} class="chip" title={p.description} onClick={() => applyPreset(p)}>
              {p.name.toUpperCase()}
            </button>
          ))}
        </div>
        <PluginSelect id="family" label="family" plugins={families} value={family} onChange={setFamily} />
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
