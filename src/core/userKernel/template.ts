/**
 * The template a researcher's own attention kernel is written into. The template owns the
 * bindings, the shape uniforms, the dispatch (one invocation per output row of one head) and the
 * output; the researcher writes the body of `attendRow(h, i)`, which computes row i of head h
 * from the helpers below. The body is WGSL: it is compiled by the GPU driver, never evaluated as
 * script.
 *
 * What the body may read: `shape.n`, `shape.d`, `shape.dv`, `shape.heads`, `shape.scale`
 * (1/√d), `shape.causal` (1 or 0); `q(h, i, t)`, `k(h, j, t)`, `v(h, j, t)` (f32); and it
 * writes with `setOut(h, i, t, x)` for t < dv. Row i may attend to keys j < n (j ≤ i when
 * causal). dv is at most MAX_DV, so `array<f32, MAX_DV>` holds a row.
 */

export const MAX_DV = 256;

/** Within this (max abs) of float64 dense attention a kernel counts as exact. */
export const EXACT_TOLERANCE = 1e-4;
export const WORKGROUP = 64;

const HEAD = `struct Shape { n: u32, d: u32, dv: u32, heads: u32, scale: f32, causal: u32 };
@group(0) @binding(0) var<uniform> shape: Shape;
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> V: array<f32>;
@group(0) @binding(4) var<storage, read_write> O: array<f32>;
const MAX_DV = ${MAX_DV}u;

fn q(h: u32, i: u32, t: u32) -> f32 { return Q[(h * shape.n + i) * shape.d + t]; }
fn k(h: u32, j: u32, t: u32) -> f32 { return K[(h * shape.n + j) * shape.d + t]; }
fn v(h: u32, j: u32, t: u32) -> f32 { return V[(h * shape.n + j) * shape.dv + t]; }
fn setOut(h: u32, i: u32, t: u32, x: f32) { O[(h * shape.n + i) * shape.dv + t] = x; }

fn attendRow(h: u32, i: u32) {
`;

const TAIL = `
}

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= shape.heads * shape.n) { return; }
  attendRow(id.x / shape.n, id.x % shape.n);
}
`;

/** The line of the full shader on which the body's first line sits (1-based). */
export const BODY_FIRST_LINE = HEAD.split('\n').length;

/** The whole shader: the template around the researcher's body. */
export function kernelSource(body: string): string {
  return `${HEAD}${body}${TAIL}`;
}

export interface KernelMessage {
  /** 'error', 'warning' or 'info', as the driver says. */
  type: string;
  /** Line in the researcher's body (1-based); 0 when the message is about the template. */
  line: number;
  column: number;
  message: string;
}

/** The driver's messages with their lines counted in the body, not in the whole shader. */
export function bodyMessages(
  messages: readonly { type: string; lineNum: number; linePos: number; message: string }[],
  body: string,
): KernelMessage[] {
  const bodyLines = body.split('\n').length;
  return messages.map((m) => {
    const line = m.lineNum - BODY_FIRST_LINE + 1;
    const inBody = line >= 1 && line <= bodyLines;
    return {
      type: m.type,
      line: inBody ? line : 0,
      column: inBody ? m.linePos : 0,
      message: m.message,
    };
  });
}

/**
 * Softmax over keys first … last − 1 with an online max and sum (one pass, no n-long scores),
 * then the normalised row: the loop both starting points share, written out in each.
 */
const onlineSoftmax = (first: string, last: string) => `  var m = -3.4e38;
  var l = 0.0;
  var acc: array<f32, MAX_DV>;
  for (var j = ${first}; j < ${last}; j++) {
    var s = 0.0;
    for (var t = 0u; t < shape.d; t++) { s += q(h, i, t) * k(h, j, t); }
    s *= shape.scale;
    let mNew = max(m, s);
    let c = exp(m - mNew);
    let p = exp(s - mNew);
    l = l * c + p;
    for (var t = 0u; t < shape.dv; t++) { acc[t] = acc[t] * c + p * v(h, j, t); }
    m = mNew;
  }
  for (var t = 0u; t < shape.dv; t++) { setOut(h, i, t, acc[t] / l); }`;

/** Dense attention, one pass with an online softmax: exact. */
export const DENSE_BODY = `  let last = select(shape.n, i + 1u, shape.causal == 1u);
${onlineSoftmax('0u', 'last')}`;

/** Sliding window: keys within HALF of the query only (the window variant's w = 2·HALF). */
export const WINDOW_BODY = `  const HALF = 8u; // keys j with |i - j| <= HALF
  let first = select(0u, i - HALF, i > HALF);
  let last = select(min(shape.n, i + HALF + 1u), i + 1u, shape.causal == 1u);
${onlineSoftmax('first', 'last')}`;

/** The starting points a researcher can pick. */
export const KERNEL_STARTS = { dense: DENSE_BODY, window: WINDOW_BODY } as const;
