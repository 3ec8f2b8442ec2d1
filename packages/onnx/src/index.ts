// @lstmkit/onnx: tfjs/lstmkit models -> ONNX bytes. Browser-safe; writing files is in '@lstmkit/onnx/node'.
export { exportOnnx, type OnnxExport, type OnnxExportOptions, type OnnxMetadata, type OnnxTensorInfo } from './export.js';
export { OnnxExportError } from './errors.js';
export { OPSET, IR_VERSION, readModelInfo } from './graph.js';
export { getLayerConverter, listLayerConverters, registerLayerConverter } from './converters/registry.js';
export type { ConvertContext, LayerConverter } from './converters/types.js';
export type { LayerJson, LayerWeights, Weight } from './artifacts.js';
export type { Layout, Value } from './value.js';
export { inLayout } from './value.js';
export type { OnnxGraph, Attr, DataType, Dim } from './graph.js';
