/**
 * The model holds something ONNX cannot express here (a layer, an option, a weight): nothing is exported. The
 * message names the layer and what is in the way.
 */
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';
  constructor(
    readonly layer: string | undefined,
    readonly problem: string,
  ) {
    super(layer ? `cannot export layer "${layer}" to ONNX: ${problem}` : `cannot export to ONNX: ${problem}`);
  }
}
