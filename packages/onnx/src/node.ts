// Node-only part of @lstmkit/onnx: writing an exported model to a file, atomically, never over a file lstmkit
// did not write. The main entry stays browser-safe.
export { writeOnnxFile, OnnxFileError } from './write-file.js';
