/** Class probabilities as labelled horizontal bars, the most likely class highlighted. */
export function Probabilities({ probabilities, classNames }: { probabilities: readonly number[]; classNames: readonly string[] }) {
  const best = probabilities.indexOf(Math.max(...probabilities));
  return (
    <ol class="probabilities" aria-label="class probabilities">
      {probabilities.map((p, i) => (
        <li key={i} class={i === best ? 'best' : ''}>
          <span class="name">{classNames[i] ?? i}</span>
          <span class="bar" style={{ width: `${Math.max(1, 100 * p)}%` }} />
          <span class="value">{(100 * p).toFixed(1)}%</span>
        </li>
      ))}
    </ol>
  );
}
