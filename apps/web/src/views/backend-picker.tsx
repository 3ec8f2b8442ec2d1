import type { BackendRow } from '../protocol.js';

function Choice({ name, why, available, checked, disabled, onChange }: { name: string; why: string; available: boolean; checked: boolean; disabled?: boolean; onChange: () => void }) {
  return (
    <div class={`radio${available ? '' : ' unavailable'}`}>
      <input type="radio" name="backend" id={`backend-${name}`} value={name} checked={checked} disabled={disabled || !available} aria-describedby={`backend-${name}-why`} onChange={onChange} />
      <label for={`backend-${name}`}>{name}</label> <small class="help" id={`backend-${name}-why`} title={why}>
        {why}
      </small>
    </div>
  );
}

/** "auto" (the trainer's pick) or one backend by hand; each row says why it can or cannot run here. */
export function BackendPicker({ backends, value, onChange, disabled }: { backends: readonly BackendRow[]; value: string; onChange: (v: string) => void; disabled?: boolean }) {
  const auto = backends.find((b) => b.available && !b.notForAuto);
  return (
    <fieldset class="backends">
      <legend>backend</legend>
      <Choice name="auto" why={auto ? `the trainer's pick: ${auto.name}` : 'probing…'} available checked={value === 'auto'} disabled={disabled} onChange={() => onChange('auto')} />
      {backends.map((b) => (
        <Choice
          key={b.name}
          name={b.name}
          why={b.available ? (b.device ?? '') + (b.notForAuto ? ` — auto passes it over: ${b.notForAuto}` : '') : (b.reason ?? '')}
          available={b.available}
          checked={value === b.name}
          disabled={disabled}
          onChange={() => onChange(b.name)}
        />
      ))}
    </fieldset>
  );
}
