import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type AttributeProto = InstanceType<typeof onnx.AttributeProto>;

/**
 * The ONNX opset the exporter writes. 13 is the first opset whose Softmax works on one axis (Keras' semantics) and
 * whose Squeeze/Unsqueeze/Split take axes as inputs; every operator used here is unchanged from 13 to 17 except
 * the recurrent ops' `layout` attribute (opset 14), which onnxruntime rejects anyway ("Batchwise recurrent
 * operations (layout == 1) are not supported"), so the graph transposes to [time, batch, features] itself.
 * onnxruntime 1.6+ (Node, Python, web), Triton's onnxruntime backend, TensorRT 8+ and OpenVINO read opset 13.
 */
export const OPSET = 13;
/** The IR version that introduced opset 13 (ONNX 1.8). */
export const IR_VERSION = 7;

/** The ONNX element types the exported graphs use. */
export type DataType = 'float' | 'int64' | 'bool';
const TYPE_CODE: Record<DataType, number> = { float: onnx.TensorProto.DataType.FLOAT, int64: onnx.TensorProto.DataType.INT64, bool: onnx.TensorProto.DataType.BOOL };

/** An attribute value: ints and floats are told apart by the caller (`{ f: 1 }` for a float), strings as text. */
export type Attr = number | string | number[] | string[] | { f: number } | { floats: number[] };

/** A dimension of a graph input or output: a number, or a name for a dynamic size (e.g. "batch"). */
export type Dim = number | string;

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function attribute(name: string, v: Attr): AttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') return onnx.AttributeProto.create({ name, type: T.INT, i: v });
  if (typeof v === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return onnx.AttributeProto.create({ name, type: T.STRINGS, strings: (v as string[]).map((s) => new TextEncoder().encode(s)) });
    return onnx.AttributeProto.create({ name, type: T.INTS, ints: v as number[] });
  }
  if ('f' in v) return onnx.AttributeProto.create({ name, type: T.FLOAT, f: v.f });
  return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: v.floats });
}

/**
 * Collects the nodes, weights and constants of one ONNX graph and encodes the model with onnx-proto (the
 * protobuf classes generated from ONNX's own onnx.proto). Tensor names are made unique here, so converters name
 * things after their layer and never collide.
 */
export class OnnxGraph {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly used = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** A fresh tensor name based on `hint`. */
  name(hint: string): string {
    let name = hint;
    for (let i = 1; this.used.has(name); i++) name = `${hint}_${i}`;
    this.used.add(name);
    return name;
  }

  /** A weight or constant tensor; returns its name. */
  tensor(hint: string, dims: readonly number[], data: Float32Array | BigInt64Array | Uint8Array, type: DataType = 'float'): string {
    const name = this.name(hint);
    this.initializers.push(onnx.TensorProto.create({ name, dims: [...dims], dataType: TYPE_CODE[type], rawData: bytes(data) }));
    return name;
  }

  /** A small int64 constant (shapes, axes), shared by every node that needs the same values. */
  int64s(values: readonly number[]): string {
    const key = `i64:${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) this.constants.set(key, (name = this.tensor(`const_${values.join('_').replace(/-/g, 'm') || 'empty'}`, [values.length], BigInt64Array.from(values, BigInt), 'int64')));
    return name;
  }

  /** A float scalar constant of shape `dims` filled with `value`, shared like int64s. */
  floats(value: number, dims: readonly number[] = []): string {
    const key = `f32:${value}:${dims.join(',')}`;
    let name = this.constants.get(key);
    if (!name) this.constants.set(key, (name = this.tensor(`const_f${String(value).replace(/[-.]/g, '_')}`, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value))));
    return name;
  }

  /**
   * Adds a node. `outputs` are name hints (or '' for an optional output left out); returns the output names.
   * Node names follow the first output's, so a runtime's error points at the layer.
   */
  node(op: string, inputs: readonly string[], attrs: Record<string, Attr | undefined> = {}, outputs: readonly string[] = [op.toLowerCase()]): string[] {
    const names = outputs.map((o) => (o === '' ? '' : this.name(o)));
    const attribute_ = Object.entries(attrs).flatMap(([k, v]) => (v === undefined ? [] : [attribute(k, v)]));
    this.nodes.push(onnx.NodeProto.create({ opType: op, input: [...inputs], output: names, name: this.name(`${names.find(Boolean) ?? op}:${op}`), attribute: attribute_ }));
    return names;
  }

  /** Shorthand for a node with one output. */
  op(op: string, inputs: readonly string[], attrs: Record<string, Attr | undefined> = {}, hint = op.toLowerCase()): string {
    return this.node(op, inputs, attrs, [hint])[0]!;
  }

  /** Declares a graph input; returns its name (taken exactly). */
  input(name: string, type: DataType, dims: readonly Dim[]): string {
    this.used.add(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares a graph output: `from` is copied to a tensor named exactly `name`. */
  output(name: string, from: string, dims: readonly Dim[]): void {
    this.used.add(name);
    this.nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [from], output: [name], name: this.name(`${name}:Identity`) }));
    this.outputs.push(valueInfo(name, 'float', dims));
  }

  /** Operator counts, for reports. */
  operators(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const n of this.nodes) counts[n.opType] = (counts[n.opType] ?? 0) + 1;
    return counts;
  }

  /** The encoded ModelProto. */
  encode(model: { name: string; docString: string; producerVersion: string; metadata: Record<string, string> }): Uint8Array {
    const graph = onnx.GraphProto.create({ name: model.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs });
    const proto = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
      producerName: 'lstmkit',
      producerVersion: model.producerVersion,
      docString: model.docString,
      graph,
      metadataProps: Object.entries(model.metadata).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
    });
    return onnx.ModelProto.encode(proto).finish();
  }
}

function valueInfo(name: string, type: DataType, dims: readonly Dim[]) {
  const dim = dims.map((d) => onnx.TensorShapeProto.Dimension.create(typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: onnx.TypeProto.Tensor.create({ elemType: TYPE_CODE[type], shape: onnx.TensorShapeProto.create({ dim }) }) }) });
}

/** The producer and metadata of an encoded model (to recognise files lstmkit wrote). */
export function readModelInfo(data: Uint8Array): { producerName: string; metadata: Record<string, string> } {
  const m = onnx.ModelProto.decode(data);
  return { producerName: m.producerName, metadata: Object.fromEntries(m.metadataProps.map((p) => [p.key, p.value])) };
}
