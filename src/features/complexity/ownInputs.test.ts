import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputsFromNpz } from '../../core/npy/attentionInputs';
import { parseNpy } from '../../core/npy/npy';
import { parseNpz } from '../../core/npy/npz';
import { keepAll, referenceAttention } from '../../core/reference/dense';
import { BAD_NPZ_FILES } from '../../testing/badNpzFiles';
import { buildJson } from './exportResults';
import { DEFAULT_CONFIG } from './model/labConfig';
import { OWN_INPUT_LIMITS, qkvKeyOf, readOwnInput, readOwnInputs } from './ownInputFile';
import { fileNs, withOwnInput } from './ownInputs';
import { resultSetOfText } from './resultFiles';

const DIR = new URL('../../../e2e/data/npy/', import.meta.url);
const bytesOf = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));
const fileOf = (file: string, name = file) => Object.assign(new Blob([bytesOf(file)]), { name });
const sha256 = (file: string) => createHash('sha256').update(bytesOf(file)).digest('hex');

describe('readOwnInput', () => {
  it('reads q, k, v of a numpy .npz with the SHA-256 of its bytes', async () => {
    const own = await readOwnInput(fileOf('qkv.npz'));
    expect(own.info).toEqual({
      name: 'qkv.npz',
      shape: [2, 64, 16],
      dtype: 'float32',
      sha256: sha256('qkv.npz'),
    });
    expect([own.inputs.q.heads, own.inputs.q.n, own.inputs.q.width, own.inputs.v.width]).toEqual([
      2, 64, 16, 16,
    ]);
    const compressed = await readOwnInput(fileOf('qkv_compressed.npz'));
    expect(compressed.info.dtype).toBe('float64');
    expect(Array.from(compressed.inputs.k.data)).toEqual(Array.from(own.inputs.k.data));
  });

  const singleNpy = [
    'q.npy',
    'q.npy',
    /^q\.npy: a single \.npy array, not a \.npz archive/,
  ] as const;
  it.each([...BAD_NPZ_FILES, singleNpy])(
    'refuses %s with its own message',
    async (file, name, why) => {
      await expect(readOwnInput(fileOf(file, name))).rejects.toThrow(why);
    },
  );

  it('refuses a file over the limit before reading it', async () => {
    const huge = {
      name: 'huge.npz',
      size: 2 ** 30,
      arrayBuffer: () => Promise.reject(new Error('read')),
    };
    await expect(readOwnInput(huge as unknown as Blob & { name: string })).rejects.toThrow(
      /^huge\.npz: 1024\.0 MiB, larger than the limit of 256 MiB/,
    );
  });

  it('sets n to the powers of two up to the file, heads and d from the file', async () => {
    const own = await readOwnInput(fileOf('qkv.npz'));
    expect(fileNs(64)).toEqual([16, 32, 64]);
    expect(fileNs(100)).toEqual([16, 32, 64]);
    expect(withOwnInput(DEFAULT_CONFIG, own)).toMatchObject({
      nMin: 16,
      nMax: 64,
      d: 16,
      heads: 2,
    });
  });
});

describe('three .npy files picked together', () => {
  const concatSha = (...files: string[]) => {
    const h = createHash('sha256');
    for (const f of files) h.update(bytesOf(f));
    return h.digest('hex');
  };

  it('read as q, k, v by name in any order, the same arrays as the .npz, hashed in q, k, v order', async () => {
    const own = await readOwnInputs([fileOf('v.npy'), fileOf('q.npy'), fileOf('k.npy')]);
    expect(own.info).toEqual({
      name: 'q.npy + k.npy + v.npy',
      shape: [2, 64, 16],
      dtype: 'float32',
      sha256: concatSha('q.npy', 'k.npy', 'v.npy'),
    });
    const npz = await readOwnInput(fileOf('qkv.npz'));
    for (const key of ['q', 'k', 'v'] as const) {
      expect(Array.from(own.inputs[key].data), key).toEqual(Array.from(npz.inputs[key].data));
    }
  });

  it('names like layer3_q.npy count; anything else is refused with how to name them', async () => {
    expect(['q.npy', 'layer3_k.npy', 'run-7.V.npy', 'head.q.npy'].map(qkvKeyOf)).toEqual([
      'q',
      'k',
      'v',
      'q',
    ]);
    expect(['queries.npy', 'q.npz', 'kq.npy'].map(qkvKeyOf)).toEqual([null, null, null]);
    await expect(
      readOwnInputs([fileOf('q.npy'), fileOf('k.npy'), fileOf('v.npy', 'values.npy')]),
    ).rejects.toThrow(/^values\.npy: not named as q, k or v; pick one \.npz, or three \.npy/);
    await expect(
      readOwnInputs([fileOf('q.npy'), fileOf('k.npy'), fileOf('k.npy', 'x_k.npy')]),
    ).rejects.toThrow('two files are "k"');
    await expect(readOwnInputs([fileOf('q.npy'), fileOf('k.npy')])).rejects.toThrow(
      /^2 files picked; pick one \.npz, or three \.npy files/,
    );
  });

  it('a bad array among them is refused with its own file named', async () => {
    await expect(
      readOwnInputs([fileOf('q.npy'), fileOf('nan.npy', 'k.npy'), fileOf('v.npy')]),
    ).rejects.toThrow(/^k\.npy: NaN/);
  });
});

describe("core's float64 reference on the file is numpy's", () => {
  it('equals expected_dense.npy (numpy, float64) within 1e-9', () => {
    const { inputs } = inputsFromNpz(
      parseNpz(bytesOf('qkv.npz'), 'qkv.npz'),
      'qkv.npz',
      OWN_INPUT_LIMITS,
    );
    const ours = referenceAttention(inputs, keepAll);
    const numpy = parseNpy(bytesOf('expected_dense.npy'), 'expected_dense.npy');
    expect(numpy.shape).toEqual([2, 64, 16]);
    let worst = 0;
    for (let i = 0; i < numpy.data.length; i++) {
      worst = Math.max(worst, Math.abs(ours.data[i] - numpy.data[i]));
    }
    expect(ours.data.length).toBe(numpy.data.length);
    expect(worst).toBeLessThan(1e-9);
  });
});

describe('the input file in a result file', () => {
  const inputFile = {
    name: 'qkv.npz',
    shape: [2, 64, 16],
    dtype: 'float32',
    sha256: 'c0'.repeat(32),
  };
  const row = {
    variant: 'dense',
    n: 64,
    msMedian: 1,
    msMin: 1,
    msMax: 1,
    msAll: [1],
    peakBytes: 10,
    analyticBytes: 10,
    analyticFlops: 10,
    relError: 1e-7,
    maxAbsError: 1e-7,
    errorReference: 'float64',
  };
  const config = {
    variants: ['dense'],
    ns: [64],
    d: 16,
    heads: 2,
    causal: false,
    inputKind: 'gaussian',
    seed: 1,
    repeats: 1,
    params: {},
    inputFile,
  };
  const json = (over: Record<string, unknown> = {}) =>
    buildJson({
      config: { ...config, ...over } as never,
      rows: [row as never],
      fits: [],
      provenance: { backend: 'cpu', inputFile: { ...inputFile, ...over } },
    });

  it('round-trips through Download JSON and Open results', () => {
    const set = resultSetOfText(json());
    if (typeof set === 'string') throw new Error(set);
    expect(set.provenance.inputFile).toEqual(inputFile);
    expect(set.config.inputFile).toEqual(inputFile);
  });

  it.each([
    [{ sha256: 'xyz' }, /sha256.*64 lowercase hex/],
    [{ name: 'n'.repeat(201) }, /name.*1 to 200 characters/],
    [{ shape: [1, 2, 3, 4, 5] }, /shape.*at most 4/],
    [{ shape: [2, 0, 16] }, /shape.*integer in \[1,/],
    [{ dtype: 'int32' }, /dtype.*"float32" or "float64"/],
  ])('refuses a bad input file %#', (over, why) => {
    const set = resultSetOfText(json(over));
    expect(typeof set).toBe('string');
    expect(set).toMatch(why);
  });
});

describe("the lab store's own input", () => {
  it('a good file sets sizes; a bad one only its notice; synthetic puts the sizes back', async () => {
    const { useLabStore } = await import('./labStore');
    const lab = useLabStore.getState;
    lab().setConfig({ d: 32, heads: 1, nMin: 64, nMax: 256 });
    lab().setParamSelection({ n: 256 });
    const before = lab().config;
    await lab().loadOwnInput(fileOf('qkv.npz'));
    expect(lab().own.input?.info.name).toBe('qkv.npz');
    expect(lab().config).toMatchObject({ d: 16, heads: 2, nMin: 16, nMax: 64 });
    expect(lab().ui.param.n, "the parameter sweep's n, within the file").toBe(64);
    const loaded = { config: lab().config, run: lab().run, input: lab().own.input };
    await lab().loadOwnInput(fileOf('nan_k.npz'));
    expect(lab().own.notice).toMatch(/^nan_k\.npz\/k\.npy: NaN/);
    expect({ config: lab().config, run: lab().run, input: lab().own.input }).toEqual(loaded);
    expect(lab().config).toBe(loaded.config);
    lab().toggleVariant('flash');
    lab().useSyntheticInputs();
    expect(lab().own).toEqual({ input: null, synthetic: null, notice: null });
    expect(lab().config).toEqual({
      ...before,
      variants: lab().config.variants, // a change made meanwhile stays
    });
    expect(lab().config.variants.includes('flash')).toBe(!before.variants.includes('flash'));
  });
});
