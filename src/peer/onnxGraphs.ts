import protobuf from 'protobufjs';

/**
 * The peer's ONNX graphs, made here rather than downloaded: exact attention on inputs
 * q, k [B, n, d] and v [B, n, dv] (B = heads; every dimension symbolic), two ways:
 *
 * - `mha`: one `com.microsoft` MultiHeadAttention node (num_heads = 1, so batch B runs B heads,
 *   the engine's [heads, n, d] layout unchanged). Its WebGPU kernel refuses `unidirectional`,
 *   so the causal graph passes the mask as its `attention_bias` input [1, 1, n, n];
 * - `matmul`: the plain graph MatMul(q, kᵀ) / √d → (causal: Where) → Softmax → MatMul(·, v).
 *
 * The causal mask is built inside the graph from n (Shape → Range → Greater), so no n² input
 * travels with a call. Masked logits are −1e9, not −∞: a block of keys all masked would give
 * exp(−∞ + ∞) in a flash-style kernel. `npm run peer:graphs` writes the files; a test checks the
 * committed ones are current.
 */

// The part of onnx.proto (github.com/onnx/onnx, proto2) these graphs use; field numbers as there.
const ONNX_PROTO = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1; optional float f = 2; optional int64 i = 3;
  repeated int64 ints = 8; optional int32 type = 20;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; optional string name = 3;
  optional string op_type = 4; repeated AttributeProto attribute = 5; optional string domain = 7;
}
message ModelProto {
  optional int64 ir_version = 1; optional string producer_name = 2;
  optional string producer_version = 3; optional string doc_string = 6;
  optional GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1; optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true]; repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
}
message TensorShapeProto {
  message Dimension { optional int64 dim_value = 1; optional string dim_param = 2; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  optional Tensor tensor_type = 1;
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
`;

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;
const ATTR_INTS = 7;
/** A masked logit: far below any real one, finite (see above). */
export const MASKED_LOGIT = -1e9;

export type PeerGraphKind = 'mha' | 'matmul';

export interface PeerGraph {
  kind: PeerGraphKind;
  causal: boolean;
  /** File name under src/peer/graphs/. */
  file: string;
  /** One line: what the graph computes. */
  what: string;
}

export const PEER_GRAPHS: readonly PeerGraph[] = (['mha', 'matmul'] as const).flatMap((kind) =>
  [false, true].map((causal) => ({
    kind,
    causal,
    file: `${kind}${causal ? '-causal' : ''}.onnx`,
    what:
      kind === 'mha'
        ? `one com.microsoft MultiHeadAttention node${causal ? ' with the causal mask as attention_bias' : ''}`
        : `MatMul → Div(√d) → ${causal ? 'Where(causal) → ' : ''}Softmax → MatMul`,
  })),
);

type Attr = { name: string; type: number; f?: number; i?: number; ints?: number[] };
type Node = {
  op_type: string;
  input: string[];
  output: string[];
  domain?: string;
  attribute?: Attr[];
};

const intAttr = (name: string, i: number): Attr => ({ name, type: ATTR_INT, i });
const intsAttr = (name: string, ints: number[]): Attr => ({ name, type: ATTR_INTS, ints });
const node = (op_type: string, input: string[], output: string[], attribute?: Attr[]): Node => ({
  op_type,
  input,
  output,
  ...(attribute ? { attribute } : {}),
});
const scalarF = (name: string, v: number) => ({ name, data_type: FLOAT, float_data: [v] });
const scalarI = (name: string, v: number) => ({ name, data_type: INT64, int64_data: [v] });
const vectorI = (name: string, v: number[]) => ({
  name,
  dims: [v.length],
  data_type: INT64,
  int64_data: v,
});
const input = (name: string, dims: string[]) => ({
  name,
  type: {
    tensor_type: { elem_type: FLOAT, shape: { dim: dims.map((dim_param) => ({ dim_param })) } },
  },
});

/** mask [n, n]: true where key j > query i (the keys a causal query must not see). */
function maskNodes(): { nodes: Node[]; initializers: object[] } {
  return {
    nodes: [
      node('Shape', ['q'], ['q_shape']),
      node('Gather', ['q_shape', 'one_i'], ['n_i'], [intAttr('axis', 0)]),
      node('Cast', ['n_i'], ['n_f'], [intAttr('to', FLOAT)]),
      node('Range', ['zero_f', 'n_f', 'one_f'], ['positions']),
      node('Unsqueeze', ['positions', 'axis1'], ['rows']),
      node('Unsqueeze', ['positions', 'axis0'], ['cols']),
      node('Greater', ['cols', 'rows'], ['mask']),
    ],
    initializers: [
      scalarI('one_i', 1),
      scalarF('zero_f', 0),
      scalarF('one_f', 1),
      vectorI('axis0', [0]),
      vectorI('axis1', [1]),
      scalarF('masked', MASKED_LOGIT),
    ],
  };
}

function graphNodes(g: PeerGraph): { nodes: Node[]; initializers: object[] } {
  const mask = g.causal ? maskNodes() : { nodes: [], initializers: [] };
  if (g.kind === 'mha') {
    const bias = g.causal
      ? [
          node('Where', ['mask', 'masked', 'zero_f'], ['bias_2d']),
          node('Unsqueeze', ['bias_2d', 'axes01'], ['attention_bias']),
        ]
      : [];
    const mha: Node = {
      ...node(
        'MultiHeadAttention',
        ['q', 'k', 'v', ...(g.causal ? ['', '', 'attention_bias'] : [])],
        ['out'],
        [intAttr('num_heads', 1)],
      ),
      domain: 'com.microsoft',
    };
    return {
      nodes: [...mask.nodes, ...bias, mha],
      initializers: [...mask.initializers, ...(g.causal ? [vectorI('axes01', [0, 1])] : [])],
    };
  }
  const logits = g.causal
    ? [node('Where', ['mask', 'masked', 'scaled'], ['logits'])]
    : [node('Identity', ['scaled'], ['logits'])];
  return {
    nodes: [
      node('Transpose', ['k'], ['k_t'], [intsAttr('perm', [0, 2, 1])]),
      node('MatMul', ['q', 'k_t'], ['scores']),
      node('Shape', ['q'], ['q_dims']),
      node('Gather', ['q_dims', 'two_i'], ['d_i'], [intAttr('axis', 0)]),
      node('Cast', ['d_i'], ['d_f'], [intAttr('to', FLOAT)]),
      node('Sqrt', ['d_f'], ['sqrt_d']),
      node('Div', ['scores', 'sqrt_d'], ['scaled']),
      ...(g.causal ? mask.nodes : []),
      ...logits,
      node('Softmax', ['logits'], ['weights'], [intAttr('axis', -1)]),
      node('MatMul', ['weights', 'v'], ['out']),
    ],
    initializers: [scalarI('two_i', 2), ...mask.initializers],
  };
}

let modelType: protobuf.Type | null = null;

/** The graph as ONNX bytes (IR 8, opset 17 and com.microsoft 1); the same bytes every time. */
export function buildPeerGraph(g: PeerGraph): Uint8Array {
  modelType ??= protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto');
  const { nodes, initializers } = graphNodes(g);
  const model = {
    ir_version: 8,
    producer_name: 'attention-explorer',
    producer_version: '1',
    doc_string: `Exact attention: ${g.what}. Made by src/peer/onnxGraphs.ts.`,
    opset_import: [
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ],
    graph: {
      name: g.file.replace('.onnx', ''),
      node: nodes.map((n, i) => ({ ...n, name: `${n.op_type}_${i}` })),
      initializer: initializers,
      input: [
        input('q', ['B', 'n', 'd']),
        input('k', ['B', 'n', 'd']),
        input('v', ['B', 'n', 'dv']),
      ],
      output: [input('out', ['B', 'n', 'dv'])],
    },
  };
  return modelType.encode(modelType.fromObject(model)).finish();
}
