import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type InputLimits, inputsFromNpz, type QkvArrays } from './attentionInputs';
import { type NpyArray, NpyError } from './npy';
import { parseNpz } from './npz';

/** Q, K, V from numpy arrays: the shapes a researcher brings, and every mismatch named. */

const DIR = new URL('../../../e2e/data/npy/', import.meta.url);
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));

const LIMITS: InputLimits = { heads: [1, 16], n: [1, 16384], d: [1, 256], dv: [1, 256] };

const arr = (shape: number[], float64 = false, start = 0): NpyArray => {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, (_, i) => start + i / 8);
  return {
    dtype: float64 ? 'float64' : 'float32',
    shape,
    data: float64 ? Float64Array.from(values) : Float32Array.from(values),
    converted: [],
  };
};

const mapOf = (x: Partial<QkvArrays> & Record<string, NpyArray>) => new Map(Object.entries(x));

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(NpyError);
    return (err as Error).message;
  }
  throw new Error('not refused');
};

describe('accepted shapes', () => {
  it('(n, d) is one head; (heads, n, d) and (1, heads, n, d) are the same blocks', () => {
    const one = inputsFromNpz(
      mapOf({ q: arr([5, 3]), k: arr([5, 3], false, 1), v: arr([5, 2], false, 2) }),
      'a.npz',
      LIMITS,
    ).inputs;
    expect(one.q).toMatchObject({ heads: 1, n: 5, width: 3 });
    expect(one.v).toMatchObject({ heads: 1, n: 5, width: 2 });
    const three = inputsFromNpz(
      mapOf({ q: arr([2, 5, 3]), k: arr([2, 5, 3], false, 1), v: arr([2, 5, 4], false, 2) }),
      'b.npz',
      LIMITS,
    ).inputs;
    const four = inputsFromNpz(
      mapOf({
        q: arr([1, 2, 5, 3]),
        k: arr([1, 2, 5, 3], false, 1),
        v: arr([1, 2, 5, 4], false, 2),
      }),
      'c.npz',
      LIMITS,
    ).inputs;
    expect(three.q).toMatchObject({ heads: 2, n: 5, width: 3 });
    expect(three.v).toMatchObject({ heads: 2, n: 5, width: 4 });
    expect(four).toEqual(three);
  });

  it('float64 arrays become float32 blocks', () => {
    const { inputs } = inputsFromNpz(
      mapOf({ q: arr([4, 2], true), k: arr([4, 2], true), v: arr([4, 2], true) }),
      'a.npz',
      LIMITS,
    );
    expect(inputs.k.data).toBeInstanceOf(Float32Array);
    expect(Array.from(inputs.k.data)).toEqual(Array.from({ length: 8 }, (_, i) => i / 8));
  });

  it('notes: conversions per array, entries other than q, k, v', () => {
    const q = { ...arr([4, 2]), converted: ['big-endian bytes swapped'] };
    const { notes } = inputsFromNpz(
      mapOf({ q, k: arr([4, 2]), v: arr([4, 2]), mask: arr([4, 4]), pos: arr([4]) }),
      'a.npz',
      LIMITS,
    );
    expect(notes).toEqual(['q: big-endian bytes swapped', 'ignored entries: mask, pos']);
  });
});

describe('refusals name the file and the mismatch', () => {
  const good = () => ({ q: arr([2, 8, 4]), k: arr([2, 8, 4]), v: arr([2, 8, 3]) });
  const run = (x: Record<string, NpyArray>, limits = LIMITS) =>
    refusal(() => inputsFromNpz(new Map(Object.entries(x)), 'in.npz', limits));

  it('mismatched.npz (numpy wrote k with another n)', () => {
    const map = parseNpz(fixture('mismatched.npz'), 'mismatched.npz');
    expect(refusal(() => inputsFromNpz(map, 'mismatched.npz', LIMITS))).toBe(
      'mismatched.npz: mismatched shapes: q, k, v have n = 8, 7, 8 (q (2, 8, 4), k (2, 7, 4), v (2, 8, 4))',
    );
  });

  it.each<[string, Record<string, NpyArray>, string]>([
    [
      'v missing',
      { q: arr([8, 4]), k: arr([8, 4]), x: arr([1]) },
      'in.npz: missing "v" (it holds "q", "k", "x"); save them with numpy.savez(path, q=q, k=k, v=v)',
    ],
    [
      'all missing',
      {},
      'in.npz: missing "q", "k", "v" (it holds no arrays); save them with numpy.savez(path, q=q, k=k, v=v)',
    ],
    [
      'heads differ',
      { ...good(), v: arr([3, 8, 3]) },
      'in.npz: mismatched shapes: q, k, v have 2, 2, 3 heads (q (2, 8, 4), k (2, 8, 4), v (3, 8, 3))',
    ],
    [
      'n differs for v',
      { ...good(), v: arr([2, 9, 3]) },
      'in.npz: mismatched shapes: q, k, v have n = 8, 8, 9 (q (2, 8, 4), k (2, 8, 4), v (2, 9, 3))',
    ],
    [
      'd differs',
      { ...good(), k: arr([2, 8, 5]) },
      'in.npz: mismatched shapes: q has d = 4, k has d = 5; they must agree (q (2, 8, 4), k (2, 8, 5), v (2, 8, 3))',
    ],
    [
      'one-dimensional',
      { ...good(), q: arr([8]) },
      'in.npz: q has shape (8,): expected (n, d), (heads, n, d) or (1, heads, n, d)',
    ],
    [
      'a batch of two',
      { ...good(), k: arr([2, 2, 8, 4]) },
      'in.npz: k has shape (2, 2, 8, 4): a 4-d array must be a batch of one (1, heads, n, d); save one batch element, e.g. k[0]',
    ],
    [
      'zero rows',
      { q: arr([0, 4]), k: arr([0, 4]), v: arr([0, 4]) },
      'in.npz: n is 0, outside [1, 16384] (q (0, 4), k (0, 4), v (0, 4))',
    ],
  ])('%s', (_what, map, message) => {
    expect(run(map)).toBe(message);
  });

  it.each<[keyof InputLimits, string]>([
    ['heads', 'in.npz: heads is 2, outside [1, 1] (q (2, 8, 4), k (2, 8, 4), v (2, 8, 3))'],
    ['n', 'in.npz: n is 8, outside [1, 7] (q (2, 8, 4), k (2, 8, 4), v (2, 8, 3))'],
    [
      'd',
      'in.npz: d (the width of q and k) is 4, outside [1, 3] (q (2, 8, 4), k (2, 8, 4), v (2, 8, 3))',
    ],
    [
      'dv',
      'in.npz: dv (the width of v) is 3, outside [1, 2] (q (2, 8, 4), k (2, 8, 4), v (2, 8, 3))',
    ],
  ])('the %s limit', (key, message) => {
    const below = { heads: 1, n: 7, d: 3, dv: 2 }[key];
    expect(run(good(), { ...LIMITS, [key]: [1, below] })).toBe(message);
  });
});
