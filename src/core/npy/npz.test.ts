import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeNpy, NpyError, parseNpy } from './npy';
import { NPZ_LIMITS, parseNpz } from './npz';

/**
 * The .npz reader on numpy's own archives (stored and deflated) and on hostile ones: non-zip
 * bytes, a damaged zip, an entry that is not an array, an entry named twice, a zip bomb
 * (refused from its declared sizes before anything inflates) and an entry that lies about its
 * size (cut at the declared size, never grown).
 */

const DIR = new URL('../../../e2e/data/npy/', import.meta.url);
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));

/** The compression method numpy used for each entry (0 stored, 8 deflate). */
const methods = (zip: Uint8Array) => {
  const out: Record<string, number> = {};
  unzipSync(zip, {
    filter: (f) => {
      out[f.name] = f.compression;
      return false;
    },
  });
  return out;
};

const refusal = (bytes: Uint8Array, name = 'x.npz') => {
  try {
    parseNpz(bytes, name);
  } catch (err) {
    expect(err).toBeInstanceOf(NpyError);
    return (err as Error).message;
  }
  throw new Error('not refused');
};

/** Offsets of the central directory's file headers (signature PK\x01\x02). */
const centralHeaders = (zip: Uint8Array) => {
  const at: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2) at.push(i);
  }
  return at;
};

const small = (x: number) => encodeNpy(Float32Array.from([x, x + 1]), [2]);

describe('numpy archives', () => {
  it.each([
    ['qkv.npz', 0, 'float32'],
    ['qkv_compressed.npz', 8, 'float64'],
  ] as const)(
    '%s (compression method %i) holds q, k, v: %s, the numbers of q.npy, k.npy, v.npy',
    (file, method, dtype) => {
      const bytes = fixture(file);
      expect(methods(bytes)).toEqual({ 'q.npy': method, 'k.npy': method, 'v.npy': method });
      const map = parseNpz(bytes, file);
      expect([...map.keys()]).toEqual(['q', 'k', 'v']);
      for (const key of ['q', 'k', 'v']) {
        const a = map.get(key);
        const alone = parseNpy(fixture(`${key}.npy`), `${key}.npy`);
        expect(a).toMatchObject({ dtype, shape: [2, 64, 16], converted: [] });
        expect(Array.from(a?.data ?? [])).toEqual(Array.from(alone.data));
      }
    },
  );

  it('an entry is read as an array named by the archive and the entry', () => {
    const zip = zipSync({ 'q.npy': fixture('nan.npy') });
    expect(refusal(zip, 'a.npz')).toBe(
      'a.npz/q.npy: NaN at index (0, 1, 1) (flat index 5): values must be finite',
    );
  });

  it('an archive with no entries is an empty map', () => {
    expect(parseNpz(zipSync({}), 'empty.npz').size).toBe(0);
  });
});

describe('refusals', () => {
  it('bytes that are not a zip', () => {
    expect(refusal(fixture('not_npy.npy'), 'not_npy.npy')).toBe(
      'not_npy.npy: not a .npz file (a .npz is a zip archive, which starts with PK\\x03\\x04)',
    );
    expect(refusal(new Uint8Array(0))).toBe(
      'x.npz: not a .npz file (a .npz is a zip archive, which starts with PK\\x03\\x04)',
    );
  });

  it('a single .npy', () => {
    expect(refusal(fixture('q.npy'), 'q.npy')).toBe(
      'q.npy: a single .npy array, not a .npz archive (a zip of arrays)',
    );
  });

  it('a zip cut short', () => {
    const zip = fixture('qkv.npz');
    expect(refusal(zip.slice(0, 1000))).toBe(
      'x.npz: not a readable zip archive (invalid zip data)',
    );
  });

  it('an entry that is not a .npy array', () => {
    const zip = zipSync({ 'q.npy': small(1), 'notes.txt': new Uint8Array([104, 105]) });
    expect(refusal(zip)).toBe(
      'x.npz: entry "notes.txt" is not a .npy array (numpy.savez writes only .npy entries)',
    );
  });

  it('an entry named twice', () => {
    const zip = zipSync({ 'q.npy': small(1), 'r.npy': small(2) });
    // Rename r.npy to q.npy in its local and central headers.
    for (let i = 0; i + 5 <= zip.length; i++) {
      if (String.fromCharCode(...zip.subarray(i, i + 5)) === 'r.npy') zip[i] = 'q'.charCodeAt(0);
    }
    expect(refusal(zip)).toBe('x.npz: entry "q.npy" appears twice');
  });

  it(`more than ${NPZ_LIMITS.maxEntries} entries`, () => {
    const entries = Object.fromEntries(
      Array.from({ length: NPZ_LIMITS.maxEntries + 1 }, (_, i) => [`a${i}.npy`, small(i)]),
    );
    expect(refusal(zipSync(entries))).toBe(`x.npz: more than ${NPZ_LIMITS.maxEntries} entries`);
  });

  it('a zip bomb is refused from its declared sizes, before anything inflates', () => {
    // 3 × 86 MiB of zeros deflate to about 260 kB; together they declare more than the limit.
    const zeros = new Uint8Array(86 * 1024 * 1024);
    const bomb = zipSync({
      'q.npy': [zeros, { level: 1 }],
      'k.npy': [zeros, { level: 1 }],
      'v.npy': [zeros, { level: 1 }],
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const message =
      'x.npz: its entries declare 258.0 MiB (270532608 bytes) uncompressed, more than the ' +
      'limit of 256.0 MiB (268435456 bytes) (refused before inflating)';
    expect(refusal(bomb)).toBe(message);
    // Before inflating: with every entry's deflate data wrecked, the refusal is the same (had
    // it inflated first, the damaged data would have been the error).
    const wrecked = bomb.slice();
    const [first] = centralHeaders(wrecked);
    wrecked.fill(0xff, 100, first - 100);
    expect(() => unzipSync(wrecked)).toThrow();
    expect(refusal(wrecked)).toBe(message);
  });

  it('an entry that inflates past its declared size is cut at that size, then refused', () => {
    const zip = zipSync({ 'q.npy': [fixture('q.npy'), { level: 6 }] });
    const [central] = centralHeaders(zip);
    // Uncompressed size (offset 24 of the central header) claims 200 bytes instead of 8320.
    new DataView(zip.buffer).setUint32(central + 24, 200, true);
    expect(refusal(zip)).toBe(
      'x.npz/q.npy: data is shorter than the shape says: (2, 64, 16) float32 needs 8192 bytes, ' +
        'the file holds 72 after its header',
    );
  });
});
