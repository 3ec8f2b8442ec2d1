import { sequenceProgram, zeroInitialState, type ProgramDims, type SequenceProgram } from './sequence-program.js';

// LSTM in Keras' layout: gates i, f, c, o in column blocks of the kernel [D, 4U] and recurrent kernel [U, 4U].
// Forward state per sequence: T + 1 slots of [h | c | i | f | g | o] (6U floats), slot 0 the zero initial state,
// slot t + 1 step t (gates after their activations), so that step t reads its previous h and c at slot t.
const CONSTANTS = 'const G = 4 * UNITS;\n    const S = 6 * UNITS;';

/**
 * The recurrence of every step, given the input projection of all steps (x W + b, [B, T, 4U]) and the recurrent
 * kernel [U, 4U]: per step and unit four dot products with the previous h, the gates and the new c and h.
 */
export function lstmForward(dims: ProgramDims): SequenceProgram {
  return sequenceProgram(dims, {
    name: 'LstmForward',
    direction: 'forward',
    width: 6 * dims.units,
    rows: { hPrev: dims.units },
    constants: CONSTANTS,
    body: (b) => {
      const hPrev = b.rows.hPrev!;
      return `
      var c: array<f32, PER>;
      var h: array<f32, PER>;
      ${zeroInitialState(b, 6, hPrev)}
      for (var t = 0; t < T; t++) {
        let prev = (row * (T + 1) + t) * S;
        let s0 = prev + S;
        let x0 = (row * T + t) * G;
        ${b.eachUnit(`
            var ai = projected[x0 + j];
            var af = projected[x0 + UNITS + j];
            var ag = projected[x0 + 2 * UNITS + j];
            var ao = projected[x0 + 3 * UNITS + j];
            for (var m = 0; m < UNITS; m++) {
              let hm = ${hPrev.read('prev', 'm')};
              let r0 = m * G + j;
              ai += hm * recurrent[r0];
              af += hm * recurrent[r0 + UNITS];
              ag += hm * recurrent[r0 + 2 * UNITS];
              ao += hm * recurrent[r0 + 3 * UNITS];
            }
            let i = sigmoid_(ai);
            let f = sigmoid_(af);
            let g = act(ag);
            let o = sigmoid_(ao);
            c[k] = f * c[k] + i * g;
            h[k] = o * act(c[k]);
            result[s0 + j] = h[k];
            result[s0 + UNITS + j] = c[k];
            result[s0 + 2 * UNITS + j] = i;
            result[s0 + 3 * UNITS + j] = f;
            result[s0 + 4 * UNITS + j] = g;
            result[s0 + 5 * UNITS + j] = o;`)}
        ${b.barrier}
        ${b.publish(hPrev.write('j', 'h[k]'))}
      }`;
    },
  });
}

/**
 * Backward through time: given dH (the gradient of every h, [B, T, U]), the transposed recurrent kernel [4U, U]
 * and the forward state, the gradient of every gate's pre-activation [B, T, 4U] (= of the input projection), from
 * which the weight and input gradients are a few matrix products.
 */
export function lstmBackward(dims: ProgramDims): SequenceProgram {
  return sequenceProgram(dims, {
    name: 'LstmBackward',
    direction: 'backward',
    width: 4 * dims.units,
    rows: { gNext: 4 * dims.units },
    constants: CONSTANTS,
    body: (b) => {
      const gNext = b.rows.gNext!;
      return `
      var dcNext: array<f32, PER>;
      var dg: array<vec4<f32>, PER>;
      for (var t = T - 1; t >= 0; t--) {
        let s0 = (row * (T + 1) + t + 1) * S;
        let o0 = (row * T + t) * G;
        ${b.eachUnit(`
            // The gradient reaching h_t: from the loss, and through the next step's four gates.
            var dht = dh[(row * T + t) * UNITS + j];
            if (t + 1 < T) {
              for (var q = 0; q < G; q++) { dht += ${gNext.read('o0 + G', 'q')} * recurrentT[q * UNITS + j]; }
            }
            let c = state[s0 + UNITS + j];
            let i = state[s0 + 2 * UNITS + j];
            let f = state[s0 + 3 * UNITS + j];
            let g = state[s0 + 4 * UNITS + j];
            let o = state[s0 + 5 * UNITS + j];
            let cPrev = state[s0 - S + UNITS + j];
            var fNext = 0.0;
            if (t + 1 < T) { fNext = state[s0 + S + 3 * UNITS + j]; }
            let ac = act(c);
            let dc = dht * o * actGrad(ac) + dcNext[k] * fNext;
            dcNext[k] = dc;
            dg[k] = vec4<f32>(dc * g * i * (1.0 - i), dc * cPrev * f * (1.0 - f), dc * i * actGrad(g), dht * ac * o * (1.0 - o));
            result[o0 + j] = dg[k].x;
            result[o0 + UNITS + j] = dg[k].y;
            result[o0 + 2 * UNITS + j] = dg[k].z;
            result[o0 + 3 * UNITS + j] = dg[k].w;`)}
        ${b.barrier}
        ${b.publish(`${gNext.write('j', 'dg[k].x')} ${gNext.write('UNITS + j', 'dg[k].y')} ${gNext.write('2 * UNITS + j', 'dg[k].z')} ${gNext.write('3 * UNITS + j', 'dg[k].w')}`)}
      }`;
    },
  });
}
