import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, fuzzRuns } from '../../testing/fuzzRuns';
import { type AttentionInputs, headBlock } from '../headBlock';
import { keepAll, keepCausal, referenceAttention } from '../reference/dense';
import { encodeNpy, NPY_LIMITS, NpyError, parseNpy } from './npy';

/**
 * The .npy reader and writer: a round trip over every shape, dtype, byte order, memory order
 * and version; the files numpy wrote (scripts/make-npy-fixtures.py) read back to numpy's
 * numbers and are rewritten byte for byte; every refusal has its own message.
 */

const DIR = new URL('../../../e2e/data/npy/', import.meta.url);
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));
const parsed = (file: string) => parseNpy(fixture(file), file);

/** The (2, 3, 4) array the fixture script writes in its odd formats: (arange(24) − 11.5) / 4. */
const SMALL = Float32Array.from({ length: 24 }, (_, i) => (i - 11.5) / 4);

/** A .npy with a hand-written header (padded as numpy pads it) and `body` as its data. */
function rawNpy(header: string, body: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const pad = 64 - ((8 + lenBytes + header.length + 1) % 64);
  const text = `${header}${' '.repeat(pad)}\n`;
  const out = new Uint8Array(8 + lenBytes + text.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  for (let i = 0; i < lenBytes; i++) out[8 + i] = Math.floor(text.length / 256 ** i) % 256;
  for (let i = 0; i < text.length; i++) out[8 + lenBytes + i] = text.charCodeAt(i);
  out.set(body, 8 + lenBytes + text.length);
  return out;
}

const f4Header = (shape: string) => `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;

describe('parseNpy(encodeNpy(x)) is x', () => {
  const shapeArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 });
  const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });
  const f64 = fc.double({ min: -3e38, max: 3e38, noNaN: true });

  it('for rank 1–4, float32 and float64, either byte order, either memory order, versions 1–3', () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => {
          const size = shape.reduce((a, b) => a * b, 1);
          return fc.record({
            shape: fc.constant(shape),
            float64: fc.boolean(),
            values32: fc.array(f32, { minLength: size, maxLength: size }),
            values64: fc.array(f64, { minLength: size, maxLength: size }),
            bigEndian: fc.boolean(),
            fortran: fc.boolean(),
            version: fc.constantFrom(1 as const, 2 as const, 3 as const),
          });
        }),
        ({ shape, float64, values32, values64, bigEndian, fortran, version }) => {
          const data = float64 ? Float64Array.from(values64) : Float32Array.from(values32);
          const bytes = encodeNpy(data, shape, { bigEndian, fortran, version });
          expect(bytes[6]).toBe(version);
          const a = parseNpy(bytes, 'x.npy');
          expect(a.dtype).toBe(float64 ? 'float64' : 'float32');
          expect(a.shape).toEqual(shape);
          expect(a.data).toBeInstanceOf(float64 ? Float64Array : Float32Array);
          expect(Array.from(a.data)).toEqual(Array.from(data));
          expect(a.converted.includes('big-endian bytes swapped')).toBe(bigEndian);
          expect(a.converted.includes('Fortran order transposed to C order')).toBe(
            fortran && shape.length > 1,
          );
        },
      ),
      { numRuns: fuzzRuns(300, 5000), seed: FUZZ_SEED },
    );
  });

  it('a Fortran-order file stores the first axis fastest, a big-endian one its high byte first', () => {
    const m = Float32Array.from([1, 2, 3, 4, 5, 6]); // [[1, 2, 3], [4, 5, 6]]
    const f = encodeNpy(m, [2, 3], { fortran: true });
    expect(Array.from(new Float32Array(f.slice(f.length - 24).buffer))).toEqual([1, 4, 2, 5, 3, 6]);
    const b = encodeNpy(Float32Array.from([1]), [1], { bigEndian: true });
    expect(Array.from(b.slice(b.length - 4))).toEqual([0x3f, 0x80, 0, 0]);
  });
});

describe('files numpy wrote', () => {
  it('q, k, v read back as float32 (2, 64, 16) and are rewritten byte for byte', () => {
    for (const file of ['q.npy', 'k.npy', 'v.npy']) {
      const a = parsed(file);
      expect(a).toMatchObject({ dtype: 'float32', shape: [2, 64, 16], converted: [] });
      expect(encodeNpy(a.data, a.shape)).toEqual(fixture(file));
    }
  });

  it('expected_dense(_causal).npy is the float64 attention of q, k, v (core reference, 1e-9)', () => {
    const block = (file: string) => {
      const a = parsed(file);
      return headBlock(a.shape[0], a.shape[1], a.shape[2], a.data);
    };
    const inputs: AttentionInputs = { q: block('q.npy'), k: block('k.npy'), v: block('v.npy') };
    for (const [file, keep] of [
      ['expected_dense.npy', keepAll],
      ['expected_dense_causal.npy', keepCausal],
    ] as const) {
      const expected = parsed(file);
      expect(expected).toMatchObject({ dtype: 'float64', shape: [2, 64, 16], converted: [] });
      expect(encodeNpy(expected.data, expected.shape)).toEqual(fixture(file));
      const ours = referenceAttention(inputs, keep).data;
      let worst = 0;
      for (let i = 0; i < ours.length; i++) {
        worst = Math.max(worst, Math.abs(ours[i] - expected.data[i]));
      }
      expect(worst).toBeLessThan(1e-9);
    }
    // The masks differ, so the two files must too (the comparison above is not vacuous).
    expect(parsed('expected_dense.npy').data).not.toEqual(parsed('expected_dense_causal.npy').data);
  });

  it("'>f4' is converted: bytes swapped, noted; encodeNpy writes numpy's bytes", () => {
    const a = parsed('bigendian.npy');
    expect(a).toMatchObject({ dtype: 'float32', shape: [2, 3, 4] });
    expect(a.converted).toEqual(['big-endian bytes swapped']);
    expect(Array.from(a.data)).toEqual(Array.from(SMALL));
    expect(encodeNpy(SMALL, [2, 3, 4], { bigEndian: true })).toEqual(fixture('bigendian.npy'));
  });

  it('fortran_order True is converted to C order, noted; encodeNpy writes numpy’s bytes', () => {
    const a = parsed('fortran.npy');
    expect(a).toMatchObject({ dtype: 'float32', shape: [2, 3, 4] });
    expect(a.converted).toEqual(['Fortran order transposed to C order']);
    expect(Array.from(a.data)).toEqual(Array.from(SMALL));
    expect(encodeNpy(SMALL, [2, 3, 4], { fortran: true })).toEqual(fixture('fortran.npy'));
  });

  it.each([2, 3] as const)(
    'format version %i.0 reads and is rewritten byte for byte',
    (version) => {
      const a = parsed(`version${version}.npy`);
      expect(a).toMatchObject({ dtype: 'float64', shape: [2, 3, 4], converted: [] });
      expect(Array.from(a.data)).toEqual(Array.from(SMALL, (x) => x * 1e-3));
      expect(encodeNpy(a.data, a.shape, { version })).toEqual(fixture(`version${version}.npy`));
    },
  );
});

describe('refusals: one error class, the file name first, what is wrong', () => {
  const refusal = (bytes: Uint8Array, name = 'x.npy') => {
    try {
      parseNpy(bytes, name);
    } catch (err) {
      expect(err).toBeInstanceOf(NpyError);
      return (err as Error).message;
    }
    throw new Error('not refused');
  };
  const withVersion = (major: number, minor: number) => {
    const b = encodeNpy(SMALL, [24]);
    b[6] = major;
    b[7] = minor;
    return b;
  };
  const f4 = (x: number[]) => new Uint8Array(Float32Array.from(x).buffer);
  const f8 = (x: number[]) => new Uint8Array(Float64Array.from(x).buffer);

  it.each([
    [
      'int32.npy',
      "int32.npy: dtype '<i4' (int32) is not supported: only float32 ('<f4') and float64 ('<f8') arrays are; convert with x.astype(numpy.float32)",
    ],
    ['nan.npy', 'nan.npy: NaN at index (0, 1, 1) (flat index 5): values must be finite'],
    [
      'truncated.npy',
      'truncated.npy: data is shorter than the shape says: (2, 3, 4) float32 needs 96 bytes, the file holds 86 after its header',
    ],
    ['not_npy.npy', 'not_npy.npy: not a .npy file (it does not start with \\x93NUMPY)'],
  ])('the fixture %s', (file, message) => {
    expect(refusal(fixture(file), file)).toBe(message);
  });

  it.each<[string, () => Uint8Array, string]>([
    [
      'empty',
      () => new Uint8Array(0),
      'x.npy: not a .npy file (it does not start with \\x93NUMPY)',
    ],
    [
      'version 4.0',
      () => withVersion(4, 0),
      'x.npy: unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)',
    ],
    [
      'version 1.1',
      () => withVersion(1, 1),
      'x.npy: unsupported .npy format version 1.1 (supported: 1.0, 2.0, 3.0)',
    ],
    [
      'header cut short',
      () => encodeNpy(SMALL, [24]).slice(0, 40),
      'x.npy: the file ends inside its header (118 bytes declared, 30 present)',
    ],
    [
      'longer data',
      () => {
        const b = encodeNpy(SMALL, [24]);
        const c = new Uint8Array(b.length + 4);
        c.set(b);
        return c;
      },
      'x.npy: data is longer than the shape says: (24,) float32 needs 96 bytes, the file holds 100 after its header',
    ],
    [
      'a shape beyond the size limit',
      () => rawNpy(f4Header('(67108864, 2)')),
      'x.npy: shape (67108864, 2) float32 needs 512.0 MiB, more than the limit of 256.0 MiB',
    ],
    [
      'five dimensions',
      () => rawNpy(f4Header('(1, 1, 1, 1, 1)'), f4([1])),
      'x.npy: 5 dimensions (1, 1, 1, 1, 1), more than 4',
    ],
    [
      'Infinity',
      () => rawNpy(f4Header('(2, 2)'), f4([1, 2, Number.POSITIVE_INFINITY, 4])),
      'x.npy: Infinity at index (1, 0) (flat index 2): values must be finite',
    ],
    [
      '−Infinity in float64',
      () =>
        rawNpy(
          "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
          f8([0, 0, Number.NEGATIVE_INFINITY]),
        ),
      'x.npy: -Infinity at index (2,) (flat index 2): values must be finite',
    ],
    [
      'float64 beyond float32',
      () => rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", f8([1, -1e39])),
      "x.npy: -1e+39 at index (1,) (flat index 1) is beyond float32's range (±3.4028234663852886e+38): it cannot go into a float32 tensor",
    ],
    [
      'float16',
      () => rawNpy("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(4)),
      "x.npy: dtype '<f2' (float16) is not supported: only float32 ('<f4') and float64 ('<f8') arrays are; convert with x.astype(numpy.float32)",
    ],
    [
      'complex',
      () => rawNpy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)),
      "x.npy: dtype '<c8' (complex64) is not supported: only float32 ('<f4') and float64 ('<f8') arrays are; convert with x.astype(numpy.float32)",
    ],
    [
      'object',
      () => rawNpy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)),
      "x.npy: dtype '|O' (object) is not supported: only float32 ('<f4') and float64 ('<f8') arrays are; convert with x.astype(numpy.float32)",
    ],
    [
      'structured',
      () =>
        rawNpy(
          "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }",
          new Uint8Array(8),
        ),
      "x.npy: a structured dtype [('a', '<f4'), ('b', '<i4')] is not supported (only float32 and float64 arrays are)",
    ],
    [
      'a call in the header',
      () =>
        rawNpy("{'descr': __import__('os').system('ls'), 'fortran_order': False, 'shape': (1,), }"),
      'x.npy: bad header: unexpected "__import__(\'os\').sys" (offset 10)',
    ],
    [
      'not a dict',
      () => rawNpy("['descr', '<f4']"),
      "x.npy: bad header: not a dict (['descr', '<f4'])",
    ],
    [
      'a key missing',
      () => rawNpy("{'descr': '<f4', 'shape': (1,), }"),
      "x.npy: bad header: missing 'fortran_order'",
    ],
    [
      'an extra key',
      () => rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}"),
      "x.npy: bad header: unexpected key 'x'",
    ],
    [
      'a key twice',
      () => rawNpy("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}"),
      "x.npy: bad header: key 'descr' appears twice",
    ],
    [
      'a negative dimension',
      () => rawNpy(f4Header('(-1, 2)')),
      "x.npy: bad header: 'shape' must be a tuple of integers ≥ 0, got (-1, 2)",
    ],
    [
      'a shape that is a list',
      () => rawNpy(f4Header('[1, 2]')),
      "x.npy: bad header: 'shape' must be a tuple of integers ≥ 0, got [1, 2]",
    ],
    [
      'fortran_order not a bool',
      () => rawNpy("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }"),
      "x.npy: bad header: 'fortran_order' must be True or False, got 0",
    ],
    [
      'an unclosed string',
      () => rawNpy("{'descr': '<f4"),
      'x.npy: bad header: a string is not closed',
    ],
    [
      'a missing colon',
      () => rawNpy("{'descr' '<f4'}"),
      'x.npy: bad header: expected ":" after \'descr\'',
    ],
    [
      'a header cut off',
      () => rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,"),
      'x.npy: bad header: it ends before its dict is complete',
    ],
    [
      'nested too deep',
      () => rawNpy(`{'descr': ${'('.repeat(20)}`),
      'x.npy: bad header: nested deeper than 16 levels',
    ],
    [
      'a huge integer',
      () => rawNpy(f4Header('(99999999999999999999,)')),
      'x.npy: bad header: integer 99999999999999999999 is too large',
    ],
    [
      'a header over the limit',
      () => rawNpy(`${f4Header('(1,)')}${' '.repeat(NPY_LIMITS.maxHeaderBytes)}`, f4([1]), 2),
      `x.npy: bad header: 10100 bytes, more than the limit of ${NPY_LIMITS.maxHeaderBytes}`,
    ],
    [
      'version 3 header not UTF-8',
      () => rawNpy("{'descr': '\xff', }", new Uint8Array(0), 3),
      'x.npy: bad header: it is not UTF-8',
    ],
  ])('%s', (_what, bytes, message) => {
    expect(refusal(bytes())).toBe(message);
  });

  it('accepts what numpy accepts: "=f4", "|f8", Python 2 longs, double quotes, no trailing comma', () => {
    for (const header of [
      "{'descr': '=f4', 'fortran_order': False, 'shape': (2L,), }",
      `{"shape": (2,), "fortran_order": False, "descr": "|f4"}`,
    ]) {
      expect(Array.from(parseNpy(rawNpy(header, f4([1.5, -2])), 'ok.npy').data)).toEqual([1.5, -2]);
    }
    const scalar = parseNpy(rawNpy(f4Header('()'), f4([3])), 's.npy');
    expect(scalar).toMatchObject({ shape: [], converted: [] });
    expect(Array.from(scalar.data)).toEqual([3]);
  });

  it('does not write into the bytes it was given (a big-endian file swaps a copy)', () => {
    const bytes = fixture('bigendian.npy');
    const before = bytes.slice();
    parseNpy(bytes, 'bigendian.npy');
    expect(bytes).toEqual(before);
  });
});
