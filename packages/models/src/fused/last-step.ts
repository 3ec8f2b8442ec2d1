// A recurrent layer that returns only its last output: the kernels compute h at every step, [B, T, U]. Taking the
// last step on the host (and putting its gradient back) costs a copy; tfjs' Slice and its gradient's PadV2 cost
// ~1.6 ms of a ~30 ms W1 step on wasm.

/** Rows of the last step of h [B, T, U]: [B, U]. */
export function lastStep(h: Float32Array, batch: number, steps: number, units: number): Float32Array {
  const out = new Float32Array(batch * units);
  for (let i = 0; i < batch; i++) out.set(h.subarray(((i + 1) * steps - 1) * units, (i + 1) * steps * units), i * units);
  return out;
}

/** The gradient of h [B, T, U] when only its last step [B, U] was used: zeros elsewhere. */
export function onLastStep(dLast: Float32Array, batch: number, steps: number, units: number): Float32Array {
  const dH = new Float32Array(batch * steps * units);
  for (let i = 0; i < batch; i++) dH.set(dLast.subarray(i * units, (i + 1) * units), ((i + 1) * steps - 1) * units);
  return dH;
}
