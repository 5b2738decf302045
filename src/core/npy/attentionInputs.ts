import type { AttentionInputs, HeadBlock } from '../headBlock';
import { type NpyArray, NpyError } from './npy';

/**
 * Q, K, V from numpy arrays: each (n, d) for one head, (heads, n, d), or (1, heads, n, d) (a
 * batch of one, as a PyTorch hook gives it). q, k and v must agree on heads and n, q and k on
 * d; v may have its own width dv. The sizes must lie within the caller's limits (the CLI
 * passes the ones it applies to JSON input). Every refusal is an NpyError naming the file.
 */

export type Range = readonly [number, number];

export interface InputLimits {
  heads: Range;
  n: Range;
  d: Range;
  dv: Range;
}

export interface QkvArrays {
  q: NpyArray;
  k: NpyArray;
  v: NpyArray;
}

const shapeText = (shape: number[]) =>
  shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;

/** [heads, n, width] of one array, or the reason it is not an attention input. */
function dims(key: string, a: NpyArray, fail: (why: string) => never): [number, number, number] {
  const s = a.shape;
  if (s.length === 2) return [1, s[0], s[1]];
  if (s.length === 3) return [s[0], s[1], s[2]];
  if (s.length === 4) {
    if (s[0] !== 1) {
      fail(
        `${key} has shape ${shapeText(s)}: a 4-d array must be a batch of one (1, heads, n, d); ` +
          `save one batch element, e.g. ${key}[0]`,
      );
    }
    return [s[1], s[2], s[3]];
  }
  return fail(
    `${key} has shape ${shapeText(s)}: expected (n, d), (heads, n, d) or (1, heads, n, d)`,
  );
}

function toFloat32(a: NpyArray): Float32Array {
  // parseNpy refused float64 values beyond float32's range, so this rounding stays finite.
  return a.data instanceof Float32Array ? a.data : Float32Array.from(a.data);
}

/** Core's AttentionInputs (float32 head blocks) from q, k and v arrays. */
export function attentionInputsOf(
  arrays: QkvArrays,
  name: string,
  limits: InputLimits,
): AttentionInputs {
  const fail = (why: string): never => {
    throw new NpyError(`${name}: ${why}`);
  };
  const [qd, kd, vd] = (['q', 'k', 'v'] as const).map((key) => dims(key, arrays[key], fail));
  const shapes = `q ${shapeText(arrays.q.shape)}, k ${shapeText(arrays.k.shape)}, v ${shapeText(arrays.v.shape)}`;
  if (qd[0] !== kd[0] || qd[0] !== vd[0]) {
    fail(`mismatched shapes: q, k, v have ${qd[0]}, ${kd[0]}, ${vd[0]} heads (${shapes})`);
  }
  if (qd[1] !== kd[1] || qd[1] !== vd[1]) {
    fail(`mismatched shapes: q, k, v have n = ${qd[1]}, ${kd[1]}, ${vd[1]} (${shapes})`);
  }
  if (qd[2] !== kd[2]) {
    fail(`mismatched shapes: q has d = ${qd[2]}, k has d = ${kd[2]}; they must agree (${shapes})`);
  }
  const check = (what: string, x: number, [lo, hi]: Range) => {
    if (x < lo || x > hi) fail(`${what} is ${x}, outside [${lo}, ${hi}] (${shapes})`);
  };
  const [heads, n, d] = qd;
  const dv = vd[2];
  check('heads', heads, limits.heads);
  check('n', n, limits.n);
  check('d (the width of q and k)', d, limits.d);
  check('dv (the width of v)', dv, limits.dv);
  const block = (a: NpyArray, width: number): HeadBlock<Float32Array> => ({
    heads,
    n,
    width,
    data: toFloat32(a),
  });
  return { q: block(arrays.q, d), k: block(arrays.k, d), v: block(arrays.v, dv) };
}

export interface NpzInputs {
  inputs: AttentionInputs;
  /** What the reader changed or left out: conversions per array, entries other than q, k, v. */
  notes: string[];
}

/** q, k, v from a parsed .npz (see parseNpz); other entries are ignored and named in a note. */
export function inputsFromNpz(
  map: ReadonlyMap<string, NpyArray>,
  name: string,
  limits: InputLimits,
): NpzInputs {
  const missing = ['q', 'k', 'v'].filter((key) => !map.has(key));
  const found = [...map.keys()];
  if (missing.length > 0) {
    const holds = found.length > 0 ? found.map((k) => `"${k}"`).join(', ') : 'no arrays';
    throw new NpyError(
      `${name}: missing ${missing.map((k) => `"${k}"`).join(', ')} (it holds ${holds}); ` +
        'save them with numpy.savez(path, q=q, k=k, v=v)',
    );
  }
  const arrays = { q: map.get('q'), k: map.get('k'), v: map.get('v') } as QkvArrays;
  const notes: string[] = [];
  for (const key of ['q', 'k', 'v'] as const) {
    for (const c of arrays[key].converted) notes.push(`${key}: ${c}`);
  }
  const others = found.filter((k) => !['q', 'k', 'v'].includes(k));
  if (others.length > 0) notes.push(`ignored entries: ${others.join(', ')}`);
  return { inputs: attentionInputsOf(arrays, name, limits), notes };
}
