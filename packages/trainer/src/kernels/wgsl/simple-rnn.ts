import { sequenceProgram, zeroInitialState, type ProgramDims, type SequenceProgram } from './sequence-program.js';

// SimpleRNN: h_t = act(x_t W + b + h_{t-1} R), kernel [D, U], recurrent kernel [U, U]. Forward state per sequence:
// T + 1 slots of h (U floats), slot 0 the zero initial state.
const CONSTANTS = 'const S = UNITS;';

/** The recurrence of every step, given the input projection of all steps [B, T, U] and the recurrent kernel. */
export function rnnForward(dims: ProgramDims): SequenceProgram {
  return sequenceProgram(dims, {
    name: 'RnnForward',
    direction: 'forward',
    width: dims.units,
    rows: { hPrev: dims.units },
    constants: CONSTANTS,
    body: (b) => {
      const hPrev = b.rows.hPrev!;
      return `
      var h: array<f32, PER>;
      ${zeroInitialState(b, 1, hPrev)}
      for (var t = 0; t < T; t++) {
        let prev = (row * (T + 1) + t) * S;
        let x0 = (row * T + t) * UNITS;
        ${b.eachUnit(`
            var a = projected[x0 + j];
            for (var m = 0; m < UNITS; m++) { a += ${hPrev.read('prev', 'm')} * recurrent[m * UNITS + j]; }
            h[k] = act(a);
            result[prev + S + j] = h[k];`)}
        ${b.barrier}
        ${b.publish(hPrev.write('j', 'h[k]'))}
      }`;
    },
  });
}

/** Backward through time: the gradient of every step's pre-activation [B, T, U] from dH, R^T [U, U] and the state. */
export function rnnBackward(dims: ProgramDims): SequenceProgram {
  return sequenceProgram(dims, {
    name: 'RnnBackward',
    direction: 'backward',
    width: dims.units,
    rows: { daNext: dims.units },
    constants: CONSTANTS,
    body: (b) => {
      const daNext = b.rows.daNext!;
      return `
      var da: array<f32, PER>;
      for (var t = T - 1; t >= 0; t--) {
        let o0 = (row * T + t) * UNITS;
        ${b.eachUnit(`
            var dht = dh[o0 + j];
            if (t + 1 < T) {
              for (var q = 0; q < UNITS; q++) { dht += ${daNext.read('o0 + UNITS', 'q')} * recurrentT[q * UNITS + j]; }
            }
            da[k] = dht * actGrad(state[(row * (T + 1) + t + 1) * S + j]);
            result[o0 + j] = da[k];`)}
        ${b.barrier}
        ${b.publish(daNext.write('j', 'da[k]'))}
      }`;
    },
  });
}
