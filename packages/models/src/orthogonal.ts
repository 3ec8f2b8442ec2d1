import { tf } from './tf.js';

// Why hand-written: tfjs-layers' Orthogonal initializer calls tf.linalg.qr, which is built from per-column tensor
// ops; on the cpu backend it takes ~20 s for one LSTM(128) recurrent kernel (512 x 128), and tfjs warns about it.
// Modified Gram–Schmidt on the same Gaussian matrix in Float64 takes milliseconds and gives the same
// distribution as Keras' Orthogonal (Q of a QR with sign(diag R) positive).

/** Keras' Orthogonal: a random orthogonal matrix of `shape` (2-D after flattening leading dims), times `gain`. */
export function orthogonalValues(shape: readonly number[], gain: number, seed?: number): Float32Array {
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const m = Math.max(rows, cols); // tall matrix m x n whose columns are orthonormalised
  const n = Math.min(rows, cols);
  const normal = tf.tidy(() => tf.randomNormal([m, n], 0, 1, 'float32', seed).dataSync());
  const q = Float64Array.from(normal); // row-major m x n
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += q[i * n + k]! * q[i * n + j]!;
      for (let i = 0; i < m; i++) q[i * n + j] -= dot * q[i * n + k]!;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[i * n + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) q[i * n + j] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // rows < cols: Keras transposes the tall Q so the rows of the result are orthonormal.
      out[r * cols + c] = gain * (rows >= cols ? q[r * n + c]! : q[c * n + r]!);
    }
  }
  return out;
}

// tfjs' own Orthogonal class, extended so that name, config and serialisation stay exactly tfjs'.
const StockOrthogonal = tf.initializers.orthogonal({}).constructor as new (args: { gain?: number; seed?: number }) => ReturnType<typeof tf.initializers.orthogonal> & {
  gain: number;
  seed?: number;
};

/**
 * tfjs' Orthogonal initializer with a fast `apply`. It is also registered under tfjs' class name "Orthogonal", so
 * layers that tfjs rebuilds from their config (Bidirectional's backward copy, loaded models) get it too.
 */
export class FastOrthogonal extends StockOrthogonal {
  static className = 'Orthogonal';
  override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    return tf.tensor(orthogonalValues(shape, this.gain, this.seed), shape, dtype ?? 'float32');
  }
}
tf.serialization.registerClass(FastOrthogonal as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** An orthogonal initializer (Keras' default for recurrent kernels) that computes in Float64 on the host, seeded. */
export const orthogonal = (gain = 1, seed?: number) => new FastOrthogonal({ gain, seed });
