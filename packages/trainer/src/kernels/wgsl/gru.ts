import { tf } from '../../tf.js';
import { sequenceProgram, zeroInitialState, type ProgramDims, type SequenceProgram } from './sequence-program.js';

// GRU as tfjs-layers has it (Keras' reset_after=false): gates z, r, h in column blocks of the kernel [D, 3U] and
// recurrent kernel [U, 3U]; z and r from the previous h, the candidate from (r * h_prev), h = z h_prev + (1 - z) hh.
// Forward state per sequence: T + 1 slots of [h | z | r | hh | r * h_prev] (5U floats), slot 0 the zero state.
const CONSTANTS = 'const G = 3 * UNITS;\n    const S = 5 * UNITS;';

/** The recurrence of every step: per step, z and r for every unit, then (they need all of r * h_prev) the candidate. */
export function gruForward(dims: ProgramDims): SequenceProgram {
  return sequenceProgram(dims, {
    name: 'GruForward',
    direction: 'forward',
    width: 5 * dims.units,
    rows: { hPrev: dims.units, rhPrev: dims.units },
    constants: CONSTANTS,
    body: (b) => {
      const hPrev = b.rows.hPrev!, rhPrev = b.rows.rhPrev!;
      return `
      var z: array<f32, PER>;
      var h: array<f32, PER>;
      ${zeroInitialState(b, 5, hPrev)}
      for (var t = 0; t < T; t++) {
        let prev = (row * (T + 1) + t) * S;
        let s0 = prev + S;
        let x0 = (row * T + t) * G;
        ${b.eachUnit(`
            var az = projected[x0 + j];
            var ar = projected[x0 + UNITS + j];
            for (var m = 0; m < UNITS; m++) {
              let hm = ${hPrev.read('prev', 'm')};
              az += hm * recurrent[m * G + j];
              ar += hm * recurrent[m * G + UNITS + j];
            }
            z[k] = sigmoid_(az);
            let r = sigmoid_(ar);
            let rh = r * ${hPrev.read('prev', 'j')};
            ${rhPrev.write('j', 'rh')}
            result[s0 + UNITS + j] = z[k];
            result[s0 + 2 * UNITS + j] = r;
            result[s0 + 4 * UNITS + j] = rh;`)}
        ${b.barrier}
        ${b.eachUnit(`
            var ah = projected[x0 + 2 * UNITS + j];
            for (var m = 0; m < UNITS; m++) { ah += ${rhPrev.read('s0 + 4 * UNITS', 'm')} * recurrent[m * G + 2 * UNITS + j]; }
            let hh = act(ah);
            h[k] = z[k] * ${hPrev.read('prev', 'j')} + (1.0 - z[k]) * hh;
            result[s0 + j] = h[k];
            result[s0 + 3 * UNITS + j] = hh;`)}
        ${b.barrier}
        ${b.publish(hPrev.write('j', 'h[k]'))}
      }`;
    },
  });
}

/**
 * Backward through time: the gradient of every gate's pre-activation [B, T, 3U] (z, r, candidate), from dH
 * [B, T, U], the transposed recurrent kernel [3U, U] and the forward state. Per step: the candidate's gradient for
 * every unit, then (it needs all of them) the reset gate's, then the gradient reaching h_{t-1}.
 */
export function gruBackward(dims: ProgramDims): SequenceProgram {
  return sequenceProgram(dims, {
    name: 'GruBackward',
    direction: 'backward',
    width: 3 * dims.units,
    rows: { dCandidate: dims.units, dZR: 2 * dims.units },
    constants: CONSTANTS,
    body: (b) => {
      const dCandidate = b.rows.dCandidate!, dZR = b.rows.dZR!;
      return `
      var carry: array<f32, PER>;
      var toPrev: array<f32, PER>;
      var dz: array<f32, PER>;
      for (var t = T - 1; t >= 0; t--) {
        let s0 = (row * (T + 1) + t + 1) * S;
        let o0 = (row * T + t) * G;
        ${b.eachUnit(`
            let dht = dh[(row * T + t) * UNITS + j] + carry[k];
            let z = state[s0 + UNITS + j];
            let hh = state[s0 + 3 * UNITS + j];
            let hp = state[s0 - S + j];
            dz[k] = dht * (hp - hh) * z * (1.0 - z);
            let dah = dht * (1.0 - z) * actGrad(hh);
            toPrev[k] = dht * z;
            ${dCandidate.write('j', 'dah')}
            result[o0 + j] = dz[k];
            result[o0 + 2 * UNITS + j] = dah;`)}
        ${b.barrier}
        ${b.eachUnit(`
            var drh = 0.0;
            for (var q = 0; q < UNITS; q++) { drh += ${dCandidate.read('o0 + 2 * UNITS', 'q')} * recurrentT[(2 * UNITS + q) * UNITS + j]; }
            let r = state[s0 + 2 * UNITS + j];
            let hp = state[s0 - S + j];
            let dar = drh * hp * r * (1.0 - r);
            toPrev[k] += drh * r;
            ${dZR.write('j', 'dz[k]')}
            ${dZR.write('UNITS + j', 'dar')}
            result[o0 + UNITS + j] = dar;`)}
        ${b.barrier}
        ${b.eachUnit(`
            var d = toPrev[k];
            for (var q = 0; q < 2 * UNITS; q++) { d += ${dZR.read('o0', 'q')} * recurrentT[q * UNITS + j]; }
            carry[k] = d;`)}
      }`;
    },
  });
}

/**
 * The recurrent kernel's gradient [U, 3U]: z and r columns from h_{t-1}, candidate columns from r * h_{t-1}, each
 * summed over every step in one product.
 */
export function gruRecurrentGradient(state: tf.Tensor3D, dG: tf.Tensor2D, units: number): tf.Tensor2D {
  const [batch, slots] = state.shape;
  const rows = batch * (slots - 1);
  const hPrev = tf.reshape(tf.slice(state, [0, 0, 0], [batch, slots - 1, units]), [rows, units]);
  const rhPrev = tf.reshape(tf.slice(state, [0, 1, 4 * units], [batch, slots - 1, units]), [rows, units]);
  const zr = tf.matMul(hPrev, tf.slice(dG, [0, 0], [rows, 2 * units]), true, false);
  const candidate = tf.matMul(rhPrev, tf.slice(dG, [0, 2 * units], [rows, units]), true, false);
  return tf.concat([zr, candidate], 1) as tf.Tensor2D;
}
