import type { ModelSummary } from '@lstmkit/models';

/** Keras' model.summary() as a table, with the parameter totals. */
export function SummaryTable({ summary }: { summary: ModelSummary }) {
  return (
    <div class="summary">
      <table>
        <caption>Model "{summary.name}"</caption>
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col" class="num">Param #</th>
          </tr>
        </thead>
        <tbody>
          {summary.layers.map((l) => (
            <tr key={l.name}>
              <td>
                {l.name} ({l.type})
              </td>
              <td>{l.outputShape}</td>
              <td class="num">{l.params.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="params" id="param-count">
        Total params: <strong>{summary.totalParams.toLocaleString()}</strong> (trainable {summary.trainableParams.toLocaleString()}, non-trainable {summary.nonTrainableParams.toLocaleString()})
      </p>
    </div>
  );
}
