import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

const LANES = 64;

/**
 * Sums of the columns of a [rows, columns] matrix (the bias gradient: every step's gate gradients summed), one
 * lane per column walking down it: one dispatch, where tfjs' sum over axis 0 transposes first and then reduces
 * with barriers (W1's [3,584 x 512] on SwiftShader, loaded: 10-12 s, against 0.05-0.09 s for this).
 */
export class ColumnSumsProgram implements WebGPUProgram {
  readonly variableNames = ['matrix'];
  readonly outputShape: number[];
  readonly shaderKey = 'lstmkitColumnSums';
  readonly dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [LANES, 1, 1];
  readonly size = true;

  constructor(columns: number) {
    this.outputShape = [columns];
    this.dispatch = [Math.ceil(columns / LANES), 1, 1];
  }

  getUserCode(): string {
    return `
      fn main(index: i32) {
        if (index < uniforms.size) {
          let rows = uniforms.matrixShape.x;
          let columns = uniforms.matrixShape.y;
          var sum = 0.0;
          for (var r = 0; r < rows; r++) { sum += matrix[r * columns + index]; }
          result[index] = sum;
        }
      }
    `;
  }
}
