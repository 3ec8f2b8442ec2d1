import type { Field } from './schema.js';
import { labelOf, problemOf } from './schema.js';

interface Props {
  readonly fields: readonly Field[];
  readonly values: Record<string, unknown>;
  readonly family: string;
  readonly onChange: (key: string, value: unknown) => void;
}

const listText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '');
const parseList = (text: string) => (text.trim() === '' ? [] : text.split(/[\s,]+/).filter(Boolean).map(Number));

/** A form generated from flattened JSON Schema fields, grouped under their headings; each input is labelled. */
export function SchemaForm({ fields, values, family, onChange }: Props) {
  const shown = fields.filter((f) => !f.families || f.families.includes(family));
  const groups = [...new Set(shown.map((f) => f.group))];
  return (
    <div class="schema-form">
      {groups.map((group) => (
        <fieldset key={group}>
          <legend>{group}</legend>
          {shown.filter((f) => f.group === group).map((f) => (
            <FieldInput key={f.key} field={f} value={values[f.key]} onChange={(v) => onChange(f.key, v)} />
          ))}
        </fieldset>
      ))}
    </div>
  );
}

function FieldInput({ field, value, onChange }: { field: Field; value: unknown; onChange: (v: unknown) => void }) {
  const { schema: s, key } = field;
  const id = `opt-${key.replaceAll('.', '-')}`;
  const problem = problemOf(value, s);
  const label = (
    <label for={id} title={s.description}>
      {labelOf(key)}
    </label>
  );
  let input;
  if (field.choices) {
    input = (
      <select id={id} value={String(value)} onChange={(e) => onChange(field.choices!.find((c) => String(c) === e.currentTarget.value))}>
        {field.choices.map((c) => (
          <option key={c} value={String(c)}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (s.type === 'boolean') {
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
  } else if (s.type === 'array') {
    input = <input id={id} type="text" inputMode="numeric" value={listText(value)} onInput={(e) => onChange(parseList(e.currentTarget.value))} />;
  } else if (s.type === 'integer' || s.type === 'number') {
    const step = s.type === 'integer' ? 1 : 0.05;
    input = <input id={id} type="number" step={step} min={s.minimum} max={s.maximum} value={String(value ?? '')} onInput={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))} />;
  } else {
    input = <input id={id} type="text" value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
  return (
    <div class={`field${problem ? ' invalid' : ''}`}>
      {label}
      {input}
      <small class="help" id={`${id}-help`}>
        {problem ?? s.description}
      </small>
    </div>
  );
}
