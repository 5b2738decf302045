import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../core/headBlock';
import { encodeNpy, parseNpy } from '../core/npy/npy';
import { CliError } from './errors';
import { FLAG_LIMITS } from './limits';
import { INPUT_LIMITS, parseInputs, readInputFile, readInputs } from './readInput';
import { run, scratchDir, writeFile } from './testing';

/**
 * --input as a numpy .npz: the same Q, K, V as the JSON path for the same numbers, told apart
 * by the file's first bytes, every refusal a one-line CliError; and `attention` on numpy's
 * fixture reproduces numpy's float64 attention.
 */

const fixture = (file: string) =>
  fileURLToPath(new URL(`../../e2e/data/npy/${file}`, import.meta.url));
const npy = (file: string) => parseNpy(new Uint8Array(readFileSync(fixture(file))), file);

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

/** in.json for the numbers of q.npy, k.npy, v.npy: heads × n rows each. */
function jsonOfFixtures(): string {
  const rowsOf = (file: string) => {
    const a = npy(file);
    const block = { heads: a.shape[0], n: a.shape[1], width: a.shape[2], data: a.data };
    return Array.from({ length: block.heads }, (_, h) => toRows(block, h));
  };
  return JSON.stringify({ q: rowsOf('q.npy'), k: rowsOf('k.npy'), v: rowsOf('v.npy') });
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    return (err as Error).message;
  }
  throw new Error('not refused');
};

describe('readInputFile', () => {
  it('qkv.npz and qkv_compressed.npz read into the same AttentionInputs as in.json', () => {
    const fromJson = parseInputs(jsonOfFixtures());
    expect(fromJson.q).toMatchObject({ heads: 2, n: 64, width: 16 });
    for (const file of ['qkv.npz', 'qkv_compressed.npz']) {
      const read = readInputFile(fixture(file));
      expect(read.format).toBe('npz');
      expect(read.notes).toEqual([]);
      expect(read.inputs).toEqual(fromJson);
    }
    expect(readInputFile(writeFile(dir, 'in.json', jsonOfFixtures()))).toEqual({
      inputs: fromJson,
      format: 'json',
      notes: [],
    });
  });

  it('the first bytes decide: a zip named .json is read as an .npz', () => {
    const path = join(dir, 'really-a-zip.json');
    copyFileSync(fixture('qkv.npz'), path);
    expect(readInputs(path)).toEqual(readInputs(fixture('qkv.npz')));
  });

  it('notes name converted arrays and ignored entries', () => {
    const q = encodeNpy(Float32Array.from([1, 2, 3, 4]), [2, 2], { bigEndian: true });
    const kv = encodeNpy(Float64Array.from([1, 2, 3, 4]), [2, 2], { fortran: true });
    const zip = zipSync({ 'q.npy': q, 'k.npy': kv, 'v.npy': kv, 'mask.npy': kv });
    expect(readInputFile(writeBytes('notes.npz', zip)).notes).toEqual([
      'q: big-endian bytes swapped',
      'k: Fortran order transposed to C order',
      'v: Fortran order transposed to C order',
      'ignored entries: mask',
    ]);
  });

  it('the JSON and .npz paths apply the same size limits, the lab’s flag limits', () => {
    expect(INPUT_LIMITS).toEqual({
      heads: FLAG_LIMITS.heads,
      n: [1, FLAG_LIMITS.n[1]],
      d: FLAG_LIMITS.d,
      dv: FLAG_LIMITS.dv,
    });
    const heads = INPUT_LIMITS.heads[1] + 1;
    const block = encodeNpy(new Float32Array(heads * 2), [heads, 2, 1]);
    const zip = zipSync({ 'q.npy': block, 'k.npy': block, 'v.npy': block });
    expect(refusal(() => readInputs(writeBytes('heads.npz', zip)))).toMatch(
      /^input: .*heads\.npz: heads is 17, outside \[1, 16\] /,
    );
    const rows = Array.from({ length: heads }, () => [[0], [0]]);
    expect(refusal(() => parseInputs(JSON.stringify({ q: rows, k: rows, v: rows })))).toBe(
      'input: heads is 17, outside [1, 16]',
    );
  });

  it.each([
    [
      'a single .npy',
      'q.npy',
      /^input: .*q\.npy is a single \.npy array; attention needs q, k and v: save them with numpy\.savez\(path, q=q, k=k, v=v\)$/,
    ],
    [
      'k with another n',
      'mismatched.npz',
      /^input: .*mismatched\.npz: mismatched shapes: q, k, v have n = 8, 7, 8 \(q \(2, 8, 4\), k \(2, 7, 4\), v \(2, 8, 4\)\)$/,
    ],
    [
      'random bytes named .npy',
      'not_npy.npy',
      /^input: .*not_npy\.npy: not a \.npy file \(it does not start with \\x93NUMPY\)$/,
    ],
    [
      'a .npy with a NaN',
      'nan.npy',
      /^input: .*nan\.npy is a single \.npy array; attention needs q, k and v/,
    ],
  ])('refuses %s (%s)', (_what, file, message) => {
    expect(refusal(() => readInputs(fixture(file)))).toMatch(message);
  });

  it('the name is read in full: JSON named .npz in a long path is still refused as not a zip', () => {
    const long = writeFile(dir, `${'x'.repeat(150)}.npz`, '{"q": [[1]]}');
    expect(refusal(() => readInputs(long))).toMatch(/^input: .*xxx…: not a \.npz file/);
  });

  it('refuses JSON named .npz, and an .npz entry with a NaN', () => {
    expect(refusal(() => readInputs(writeFile(dir, 'json.npz', '{"q": [[1]]}')))).toMatch(
      /^input: .*json\.npz: not a \.npz file \(a \.npz is a zip archive, which starts with PK\\x03\\x04\)$/,
    );
    const zip = zipSync({
      'q.npy': readFileSync(fixture('nan.npy')),
      'k.npy': readFileSync(fixture('q.npy')),
      'v.npy': readFileSync(fixture('v.npy')),
    });
    expect(refusal(() => readInputs(writeBytes('nan.npz', zip)))).toMatch(
      /^input: .*nan\.npz\/q\.npy: NaN at index \(0, 1, 1\) \(flat index 5\): values must be finite$/,
    );
  });
});

function writeBytes(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('attention --input qkv.npz', () => {
  it.each([
    ['expected_dense.npy', []],
    ['expected_dense_causal.npy', ['--causal']],
  ])("dense on the cpu backend matches numpy's %s within 1e-5", async (file, flags) => {
    const out = join(dir, `${file}.json`);
    const r = await run([
      'attention',
      '--variant',
      'dense',
      '--backend',
      'cpu',
      '--input',
      fixture('qkv.npz'),
      '--output',
      out,
      ...flags,
    ]);
    expect(r).toMatchObject({ code: 0, stderr: [] });
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.shape).toEqual({ heads: 2, n: 64, d: 16, dv: 16 });
    expect(doc.input).toEqual({ format: 'npz', notes: [] });
    const expected = npy(file);
    const got = (doc.output as number[][][]).flat(2);
    expect(got).toHaveLength(expected.data.length);
    let worst = 0;
    for (let i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(got[i] - expected.data[i]));
    }
    expect(worst).toBeLessThan(1e-5);
    expect(doc.reference.maxAbsError).toBeLessThan(1e-5);
  });

  it('a single .npy exits 2 with one line', async () => {
    const r = await run(['attention', '--variant', 'dense', '--input', fixture('q.npy')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toEqual([
      expect.stringMatching(
        /^error: input: .*q\.npy is a single \.npy array; attention needs q, k and v: save them with numpy\.savez\(path, q=q, k=k, v=v\)$/,
      ),
    ]);
  });
});
