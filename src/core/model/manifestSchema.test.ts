import { readdirSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { initWeights } from './init';
import { ModelIndexSchema, ModelManifestSchema } from './manifestSchema';
import type { ModelConfig, ModelInfo } from './trace';
import {
  checkModelInfo,
  decodeModel,
  encodeModel,
  ModelFormatError,
  type ModelManifest,
  parseModelIndex,
} from './weights';

const config: ModelConfig = {
  vocab: 17,
  context: 32,
  dModel: 8,
  layers: 2,
  heads: 2,
  dMlp: 12,
  norm: 'pre',
  residual: 'sum',
  mod: null,
  moda: false,
};
const info: ModelInfo = {
  id: 'tiny',
  label: 'Tiny',
  config,
  trained: true,
  accuracy: 0.5,
  training: { steps: 10, backend: 'cpu' },
};

/** A fresh encoded model: the manifest as JSON would give it back, and its bin bytes. */
function encoded() {
  const { manifest, bin } = encodeModel(info, initWeights(config, 1));
  return { manifest: JSON.parse(JSON.stringify(manifest)) as ModelManifest, bin };
}

/** The ModelFormatError message of decoding the model after `edit`, or null if it decodes. */
function refusal(edit: (m: Record<string, unknown> & ModelManifest) => void): string | null {
  const { manifest, bin } = encoded();
  edit(manifest as Record<string, unknown> & ModelManifest);
  try {
    decodeModel(manifest, bin);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFormatError);
    return (err as Error).message;
  }
}

const indexOf = (models: unknown[]) => ({ format: 'attention-explorer-models', models });
const indexRefusal = (x: unknown): string | null => {
  try {
    parseModelIndex(x);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFormatError);
    return (err as Error).message;
  }
};

describe('model manifest schema', () => {
  it('accepts what encodeModel writes', () => {
    expect(refusal(() => {})).toBeNull();
    expect(v.safeParse(ModelManifestSchema, encoded().manifest).success).toBe(true);
  });

  it.each<[string, (m: Record<string, unknown> & ModelManifest) => void, RegExp]>([
    [
      'format',
      (m) => (m.format = 'x' as never),
      /^corrupt model file: format: not a model manifest/,
    ],
    [
      'version',
      (m) => (m.version = 2 as never),
      /^corrupt model file: version: expected format version 1, got 2$/,
    ],
    [
      'dtype',
      (m) => (m.dtype = 'float16' as never),
      /^corrupt model file: dtype: expected "float32", got "float16"$/,
    ],
    [
      'bin',
      (m) => (m.bin = 'b'.repeat(65)),
      /^corrupt model file: bin: expected a string of 1 to 64 characters, got a string of 65/,
    ],
    [
      'byteLength (fraction)',
      (m) => (m.byteLength = 1.5),
      /^corrupt model file: byteLength: expected a non-negative integer, got 1.5$/,
    ],
    [
      'byteLength (negative)',
      (m) => (m.byteLength = -4),
      /^corrupt model file: byteLength: expected a non-negative integer, got -4$/,
    ],
    [
      'byteLength (odd)',
      (m) => (m.byteLength = 6),
      /^corrupt model file: byteLength: expected a multiple of 4/,
    ],
    [
      'checksum (format)',
      (m) => (m.checksum = 'ABCDEF01'),
      /^corrupt model file: checksum: expected 8 lowercase hex digits, got "ABCDEF01"$/,
    ],
    [
      'checksum (type)',
      (m) => (m.checksum = 12345678 as never),
      /^corrupt model file: checksum: expected 8 lowercase hex digits, got 12345678$/,
    ],
    [
      'tensors (type)',
      (m) => (m.tensors = {} as never),
      /^corrupt model file: tensors: expected a list, got an object$/,
    ],
    [
      'tensors (count)',
      (m) => (m.tensors = Array(513).fill(m.tensors[0])),
      /^corrupt model file: tensors: expected a list of at most 512 items/,
    ],
    [
      'tensors[3].offset (negative)',
      (m) => (m.tensors[3].offset = -1),
      /^corrupt model file: tensors\[3\]\.offset: expected a non-negative integer, got -1$/,
    ],
    [
      'tensors[3].offset (fraction)',
      (m) => (m.tensors[3].offset = 2.5),
      /^corrupt model file: tensors\[3\]\.offset: expected a non-negative integer/,
    ],
    [
      'tensors[3].offset (wrong)',
      (m) => (m.tensors[3].offset += 1),
      /^corrupt model file: tensors\[3\]\.offset: tensor l0\.ln1\.b has offset \d+, expected \d+$/,
    ],
    [
      'tensors[1].name',
      (m) => (m.tensors[1].name = ''),
      /^corrupt model file: tensors\[1\]\.name: expected a string of 1 to 64 characters, got ""$/,
    ],
    [
      'tensors[1].shape[0]',
      (m) => (m.tensors[1].shape[0] = 0),
      /^corrupt model file: tensors\[1\]\.shape\[0\]: expected an integer in \[1, 1048576\], got 0$/,
    ],
    [
      'tensors[1].shape (empty)',
      (m) => (m.tensors[1].shape = []),
      /^corrupt model file: tensors\[1\]\.shape: expected at least one dimension/,
    ],
    [
      'tensors[2] (another tensor)',
      (m) => (m.tensors[2].name = 'l0.wq'),
      /^corrupt model file: tensors\[2\]: tensor 2 should be l0\.ln1\.g \[8\], got l0\.wq \[8\]$/,
    ],
    [
      'tensors (one missing)',
      (m) => m.tensors.pop(),
      /^corrupt model file: tensors: expected \d+ tensors for this config, got \d+$/,
    ],
    [
      'info (missing)',
      (m) => delete (m as Partial<ModelManifest>).info,
      /^corrupt model file: info: missing \(a required field\)$/,
    ],
    [
      'info.id',
      (m) => (m.info.id = 'Tiny Model'),
      /^corrupt model file: info\.id: expected a model id.*got "Tiny Model"$/,
    ],
    [
      'info.label',
      (m) => (m.info.label = 7 as never),
      /^corrupt model file: info\.label: expected a string of 1 to 80 characters, got 7$/,
    ],
    [
      'info.trained',
      (m) => (m.info.trained = 'yes' as never),
      /^corrupt model file: info\.trained: expected true or false, got "yes"$/,
    ],
    [
      'info.accuracy (range)',
      (m) => (m.info.accuracy = 1.5),
      /^corrupt model file: info\.accuracy: expected null or a number in \[0, 1\], got 1.5$/,
    ],
    [
      'info.accuracy (type)',
      (m) => (m.info.accuracy = '0.9' as never),
      /^corrupt model file: info\.accuracy: expected null or a number in \[0, 1\], got "0.9"$/,
    ],
    [
      'info.training (type)',
      (m) => (m.info.training = [] as never),
      /^corrupt model file: info\.training: expected null or an object, got a list of 0$/,
    ],
    [
      'info.training.steps',
      (m) => (m.info.training = { steps: true } as never),
      /^corrupt model file: info\.training\.steps: expected text or a finite number, got true$/,
    ],
    [
      'info.training.note',
      (m) => (m.info.training = { note: 'x'.repeat(600) }),
      /^corrupt model file: info\.training\.note: expected a string of at most 512 characters, got a string of 600 characters$/,
    ],
    [
      'info.training (a long name)',
      (m) => (m.info.training = { ['k'.repeat(100_000)]: 1 }),
      /^corrupt model file: info\.training: expected entry names of 1 to 64 characters/,
    ],
    [
      'info.config (type)',
      (m) => (m.info.config = 'pre' as never),
      /^corrupt model file: info\.config: expected an object, got "pre"$/,
    ],
    [
      'info.config.dModel',
      (m) => (m.info.config.dModel = 7),
      /^corrupt model file: info\.config: config\.dModel \(7\) must be a multiple of heads \(2\)$/,
    ],
    [
      'info.config.vocab',
      (m) => (m.info.config.vocab = 'v'.repeat(100_000) as never),
      /^corrupt model file: info\.config: config\.vocab must be an integer in \[2, 4096\], got a string of 100000 characters$/,
    ],
    [
      'info.config.norm',
      (m) => (m.info.config.norm = 'mid' as never),
      /^corrupt model file: info\.config: config\.norm must be "pre" or "post"$/,
    ],
  ])('refuses a wrong %s, naming the field', (_, edit, message) => {
    const why = refusal(edit);
    expect(why).toMatch(message);
    expect((why as string).length).toBeLessThan(400);
  });

  it('refuses what is not a manifest at all', () => {
    for (const x of [null, undefined, 'pre', 3]) {
      expect(() => decodeModel(x, new Uint8Array())).toThrow(
        /^corrupt model file: not a model manifest \(expected an object, got /,
      );
    }
    expect(() => decodeModel([], new Uint8Array())).toThrow(
      /^corrupt model file: format: missing \(a required field\)$/,
    );
    // Another JSON object (say the index) is refused by its format tag before anything else.
    expect(() => decodeModel(indexOf([info]), new Uint8Array())).toThrow(
      /^corrupt model file: format: not a model manifest \(expected "attention-explorer-model", got "attention-explorer-models"\)$/,
    );
  });

  it('reads past __proto__ and extra keys, and drops them', () => {
    const { manifest, bin } = encoded();
    const hostile = JSON.parse(
      JSON.stringify(manifest)
        .replace('{', '{"__proto__":{"polluted":1},"extra":[1,2],')
        .replace('"config":{', '"config":{"__proto__":{"polluted":1},"constructor":5,')
        .replace('"training":{', '"training":{"__proto__":{"polluted":1},'),
    );
    const w = decodeModel(hostile, bin);
    expect(w.info).toEqual(info);
    expect(Object.getPrototypeOf(w.info)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(w.info.config)).toBe(Object.prototype);
    expect(Object.keys(w.info.config)).not.toContain('constructor');
    expect(Object.getPrototypeOf(w.info.training)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const parsed = v.parse(ModelManifestSchema, hostile);
    expect(Object.keys(parsed)).not.toContain('extra');
  });

  it('checkModelInfo names the field under its own prefix', () => {
    expect(checkModelInfo(info, 'x')).toEqual(info);
    expect(() => checkModelInfo({ ...info, accuracy: -0.1 }, 'entry')).toThrow(
      /^entry: accuracy: expected null or a number in \[0, 1\], got -0.1$/,
    );
    expect(() => checkModelInfo(null, 'entry')).toThrow(
      /^entry: model info: expected an object, got null$/,
    );
  });
});

describe('model index schema', () => {
  it('accepts a list of model infos and refuses a bad entry by its path', () => {
    expect(parseModelIndex(indexOf([info, { ...info, id: 'two' }]))).toEqual([
      info,
      { ...info, id: 'two' },
    ]);
    expect(indexRefusal(indexOf([info, info, { ...info, id: '-bad' }]))).toMatch(
      /^models index: models\[2\]\.id: expected a model id/,
    );
    expect(indexRefusal(indexOf([info, (({ trained: _, ...rest }) => rest)(info)]))).toBe(
      'models index: models[1].trained: missing (a required field)',
    );
  });

  it('refuses an entry with a 100 000-character label with a short message', () => {
    const why = indexRefusal(indexOf([info, { ...info, label: 'L'.repeat(100_000) }]));
    expect(why).toBe(
      'models index: models[1].label: expected a string of 1 to 80 characters, got a string of 100000 characters',
    );
  });

  it('refuses a wrong format tag or shape, and too many models', () => {
    expect(indexRefusal({ format: 'attention-explorer-model', models: [] })).toBe(
      'models index: format: expected "attention-explorer-models", got "attention-explorer-model"',
    );
    expect(indexRefusal('index')).toBe(
      'models index: expected { format: "attention-explorer-models", models: [...] }, got "index"',
    );
    expect(indexRefusal([info])).toBe('models index: format: missing (a required field)');
    expect(indexRefusal(indexOf(Array(257).fill(info)))).toMatch(
      /^models index: models: expected a list of at most 256 items/,
    );
  });

  it('ignores __proto__ and extra keys', () => {
    const hostile = JSON.parse(
      JSON.stringify(indexOf([info])).replace('{', '{"__proto__":{"polluted":1},"extra":1,'),
    );
    expect(parseModelIndex(hostile)).toEqual([info]);
    expect(v.parse(ModelIndexSchema, hostile)).toEqual(indexOf([info]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('shipped model files', () => {
  const dir = new URL('../../../public/models/', import.meta.url);
  const read = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

  it('the index and every manifest parse, and each manifest decodes with its bin', () => {
    const index = v.parse(ModelIndexSchema, read('index.json'));
    const manifests = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(manifests.length).toBeGreaterThanOrEqual(index.models.length);
    for (const file of manifests) {
      const manifest = v.parse(ModelManifestSchema, read(file));
      expect(`${manifest.info.id}.json`).toBe(file);
      const w = decodeModel(read(file), new Uint8Array(readFileSync(new URL(manifest.bin, dir))));
      expect(index.models.find((m) => m.id === w.info.id)).toEqual(w.info);
    }
  });
});
