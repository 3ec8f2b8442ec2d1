import { header, lanesFor, ROW_PRELUDE, SequenceProgram, sharedRows, type Activation, type Limits } from './sequence-program.js';

// SimpleRNN: h_t = act(x_t W + b + h_{t-1} R), kernel [D, U], recurrent kernel [U, U]. Forward state per sequence:
// T + 1 slots of h (U floats), slot 0 the zero initial state.

/** The recurrence of every step, given the input projection of all steps [B, T, U] and the recurrent kernel. */
export function rnnForward(batch: number, steps: number, units: number, activation: Activation, limits: Limits): SequenceProgram {
  const fits = units <= limits.workgroupFloats;
  const lanes = lanesFor(units, limits);
  const { rows, barrier } = sharedRows(fits, { hPrev: units });
  const hPrev = rows.hPrev!;
  const code = `
    ${header(units, lanes, activation)}
    ${hPrev.declare}

    fn main(index: i32) {
      ${ROW_PRELUDE}
      let T = uniforms.projectedShape.y;
      var h: array<f32, PER>;
      for (var k = 0; k < PER; k++) {
        let j = lane + k * LANES;
        if (j < UNITS) {
          ${hPrev.write('j', '0.0')}
          if (valid) { result[row * (T + 1) * UNITS + j] = 0.0; }
        }
      }
      ${barrier}
      for (var t = 0; t < T; t++) {
        let prev = (row * (T + 1) + t) * UNITS;
        let x0 = (row * T + t) * UNITS;
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
            var a = projected[x0 + j];
            for (var m = 0; m < UNITS; m++) { a += ${hPrev.read('prev', 'm')} * recurrent[m * UNITS + j]; }
            h[k] = act(a);
            result[prev + UNITS + j] = h[k];
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
  return new SequenceProgram(`lstmkitRnnForward_${units}_${activation}_${lanes}_${fits}`, ['projected', 'recurrent'], [batch, steps + 1, units], lanes, code);
}

/** Backward through time: the gradient of every step's pre-activation [B, T, U] from dH, R^T [U, U] and the state. */
export function rnnBackward(batch: number, steps: number, units: number, activation: Activation, limits: Limits): SequenceProgram {
  const fits = units <= limits.workgroupFloats;
  const lanes = lanesFor(units, limits);
  const { rows, barrier } = sharedRows(fits, { daNext: units });
  const daNext = rows.daNext!;
  const code = `
    ${header(units, lanes, activation)}
    ${daNext.declare}

    fn main(index: i32) {
      ${ROW_PRELUDE}
      let T = uniforms.dhShape.y;
      var da: array<f32, PER>;
      for (var t = T - 1; t >= 0; t--) {
        let o0 = (row * T + t) * UNITS;
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (valid && j < UNITS) {
            var dht = dh[o0 + j];
            if (t + 1 < T) {
              for (var q = 0; q < UNITS; q++) { dht += ${daNext.read('o0 + UNITS', 'q')} * recurrentT[q * UNITS + j]; }
            }
            da[k] = dht * actGrad(state[(row * (T + 1) + t + 1) * UNITS + j]);
            result[o0 + j] = da[k];
          }
        }
        ${barrier}
        ${fits ? `for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (j < UNITS) { ${daNext.write('j', 'da[k]')} }
        }
        ${barrier}` : ''}
      }
    }
  `;
  return new SequenceProgram(`lstmkitRnnBackward_${units}_${activation}_${lanes}_${fits}`, ['dh', 'recurrentT', 'state'], [batch, steps, units], lanes, code);
}
