/** Picks one of a registry's plugins by name, its description shown under the choice. */
export function PluginSelect({ id, label, plugins, value, onChange }: { id: string; label: string; plugins: readonly { name: string; description: string }[]; value: string; onChange: (name: string) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} aria-describedby={`${id}-help`} onChange={(e) => onChange(e.currentTarget.value)}>
        {plugins.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <small class="help" id={`${id}-help`}>
        {plugins.find((p) => p.name === value)?.description}
      </small>
    </div>
  );
}
