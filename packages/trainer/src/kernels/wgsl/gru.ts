import { tf } from '../../tf.js';
import { header, lanesFor, ROW_PRELUDE, SequenceProgram, sharedRows, type Activation, type Limits } from './sequence-program.js';

// GRU as tfjs-layers has it (Keras' reset_after=false): gates z, r, h in column blocks of the kernel [D, 3U] and
// recurrent kernel [U, 3U]; z and r from the previous h, the candidate from (r * h_prev), h = z h_prev + (1 - z) hh.
// Forward state per sequence: T + 1 slots of [h | z | r | hh | r * h_prev] (5U floats), slot 0 the zero state.

/** The recurrence of every step: per step, z and r for every unit, then (they need all of r * h_prev) the candidate. */
export function gruForward(batch: number, steps: number, units: number, activation: Activation, limits: Limits): SequenceProgram {
  const fits = 2 * units <= limits.workgroupFloats;
  const lanes = lanesFor(units, limits);
  const { rows, barrier } = sharedRows(fits, { hPrev: units, rhPrev: units });
  const hPrev = rows.hPrev!, rhPrev = rows.rhPrev!;
  const code = `
    ${header(units, lanes, activation)}
    const G = 3 * UNITS;
    const S = 5 * UNITS;
    ${hPrev.declare}
    ${rhPrev.declare}

    fn main(index: i32) {
      ${ROW_PRELUDE}
      let T = uniforms.projectedShape.y;
      var z: array<f32, PER>;
      var h: array<f32, PER>;
      for (var k = 0; k < PER; k++) {
        let j = lane + k * LANES;
        if (j < UNITS) {
          ${hPrev.write('j', '0.0')}
          if (valid) {
            for (var q = 0; q < 5; q++) { result[row * (T + 1) * S + q * UNITS + j] = 0.0; }
          }
        }
      }
      ${barrier}
      for (var t = 0; t < T; t++) {
        let prev = (row * (T + 1) + t) * S;
        let s0 = prev + S;
        let x0 = (row * T + t) * G;
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
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
            result[s0 + 4 * UNITS + j] = rh;
          }
        }
        ${barrier}
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
            var ah = projected[x0 + 2 * UNITS + j];
            for (var m = 0; m < UNITS; m++) { ah += ${rhPrev.read('s0 + 4 * UNITS', 'm')} * recurrent[m * G + 2 * UNITS + j]; }
            let hh = act(ah);
            h[k] = z[k] * ${hPrev.read('prev', 'j')} + (1.0 - z[k]) * hh;
            result[s0 + j] = h[k];
            result[s0 + 3 * UNITS + j] = hh;
          }
        }
        ${barrier}
        ${fits ? `for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (j < UNITS) { ${hPrev.write('j', 'h[k]')} }
        }
        ${barrier}` : ''}
      }
    }
  `;
  return new SequenceProgram(`lstmkitGruForward_${units}_${activation}_${lanes}_${fits}`, ['projected', 'recurrent'], [batch, steps + 1, 5 * units], lanes, code);
}

/**
 * Backward through time: the gradient of every gate's pre-activation [B, T, 3U] (z, r, candidate), from dH
 * [B, T, U], the transposed recurrent kernel [3U, U] and the forward state. Per step: the candidate's gradient for
 * every unit, then (it needs all of them) the reset gate's, then the gradient reaching h_{t-1}.
 */
export function gruBackward(batch: number, steps: number, units: number, activation: Activation, limits: Limits): SequenceProgram {
  const fits = 3 * units <= limits.workgroupFloats;
  const lanes = lanesFor(units, limits);
  const { rows, barrier } = sharedRows(fits, { dCandidate: units, dZR: 2 * units });
  const dCandidate = rows.dCandidate!, dZR = rows.dZR!;
  const code = `
    ${header(units, lanes, activation)}
    const G = 3 * UNITS;
    const S = 5 * UNITS;
    ${dCandidate.declare}
    ${dZR.declare}

    fn main(index: i32) {
      ${ROW_PRELUDE}
      let T = uniforms.dhShape.y;
      var carry: array<f32, PER>;
      var toPrev: array<f32, PER>;
      var dz: array<f32, PER>;
      for (var t = T - 1; t >= 0; t--) {
        let s0 = (row * (T + 1) + t + 1) * S;
        let o0 = (row * T + t) * G;
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
            let dht = dh[(row * T + t) * UNITS + j] + carry[k];
            let z = state[s0 + UNITS + j];
            let hh = state[s0 + 3 * UNITS + j];
            let hp = state[s0 - S + j];
            dz[k] = dht * (hp - hh) * z * (1.0 - z);
            let dah = dht * (1.0 - z) * actGrad(hh);
            toPrev[k] = dht * z;
            ${dCandidate.write('j', 'dah')}
            result[o0 + j] = dz[k];
            result[o0 + 2 * UNITS + j] = dah;
          }
        }
        ${barrier}
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
            var drh = 0.0;
            for (var q = 0; q < UNITS; q++) { drh += ${dCandidate.read('o0 + 2 * UNITS', 'q')} * recurrentT[(2 * UNITS + q) * UNITS + j]; }
            let r = state[s0 + 2 * UNITS + j];
            let hp = state[s0 - S + j];
            let dar = drh * hp * r * (1.0 - r);
            toPrev[k] += drh * r;
            ${dZR.write('j', 'dz[k]')}
            ${dZR.write('UNITS + j', 'dar')}
            result[o0 + UNITS + j] = dar;
          }
        }
        ${barrier}
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
            var d = toPrev[k];
            for (var q = 0; q < 2 * UNITS; q++) { d += ${dZR.read('o0', 'q')} * recurrentT[q * UNITS + j]; }
            carry[k] = d;
          }
        }
      }
    }
  `;
  return new SequenceProgram(`lstmkitGruBackward_${units}_${activation}_${lanes}_${fits}`, ['dh', 'recurrentT', 'state'], [batch, steps, 3 * units], lanes, code);
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
