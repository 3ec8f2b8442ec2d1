// What bench:train (Node) and bench:browser (the page) time, with the caller's tfjs: training steps, and the
// reference models written by hand with tfjs-layers as a user would without lstmkit (tfjs' own cells and kernels):
// W1's LSTM(128), its GRU and bidirectional variants, W4's SimpleRNN(32, relu) -> Dense(10), Adam.
export function stockModel(tf, kind = 'vanilla') {
  const model = tf.sequential();
  const args = { units: 128, recurrentActivation: 'sigmoid', inputShape: [28, 28] };
  if (kind === 'rnn') model.add(tf.layers.simpleRNN({ units: 32, activation: 'relu', inputShape: [28, 28] }));
  else if (kind === 'gru') model.add(tf.layers.gru(args));
  else if (kind === 'bidirectional') model.add(tf.layers.bidirectional({ layer: tf.layers.lstm(args), inputShape: [28, 28] }));
  else model.add(tf.layers.lstm(args));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * Median ms per train step (forward + backward + optimizer) of `model` on `ds` after `warmup` steps: one epoch
 * through tfjs' model.fit for the stock model, through lstmkit's fit (`fit`) otherwise.
 */
export async function timeTrainSteps(tf, fit, model, ds, { stock, batch, warmup }) {
  const times = [];
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    times.push(now - last);
    last = now;
  };
  if (stock) {
    const x = tf.tensor3d(ds.x, [ds.shape[0], 28, 28]);
    const y = tf.tensor1d(ds.y, 'float32');
    last = performance.now();
    await model.fit(x, y, { batchSize: batch, epochs: 1, shuffle: true, verbose: 0, callbacks: { onBatchEnd: async () => tick() } });
    tf.dispose([x, y]);
  } else {
    await fit(model, ds, { epochs: 1, batchSize: batch, callbacks: [{ onTrainBegin: () => (last = performance.now()), onBatchEnd: tick }] });
  }
  return [...times.slice(warmup)].sort((a, b) => a - b)[Math.floor((times.length - warmup) / 2)];
}
