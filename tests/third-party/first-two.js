// A projection that keeps the first two feature columns, times a scale: the simplest thing that is 2-D.
import { registerProjection } from '@lstmkit/analysis';
import { Type } from '@lstmkit/plugin';

const options = Type.Object({
  scale: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'multiplies both coordinates' }),
});

/** @type {import('@lstmkit/analysis').ProjectionPlugin<typeof options>} */
export const firstTwo = {
  name: 'first-two',
  description: 'the first two feature columns, scaled',
  options,
  async project(m, o) {
    const values = new Float32Array(m.rows * 2);
    for (let i = 0; i < m.rows; i++) for (let c = 0; c < 2; c++) values[2 * i + c] = (m.values[i * m.cols + c] ?? 0) * o.scale;
    return { values, rows: m.rows, cols: 2 };
  },
};

registerProjection(firstTwo);
