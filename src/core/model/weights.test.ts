import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parameterSpecs } from './config';
import { initWeights } from './init';
import type { ModelConfig, ModelInfo } from './trace';
import { decodeModel, encodeModel, type ModelManifest, parseModelIndex } from './weights';

const config: ModelConfig = {
  vocab: 17,
  context: 32,
  dModel: 8,
  layers: 2,
  heads: 2,
  dMlp: 12,
  norm: 'pre',
  residual: 'attnres',
  mod: null,
  moda: false,
};
const info: ModelInfo = {
  id: 'tiny',
  label: 'Tiny',
  config,
  trained: false,
  accuracy: null,
  training: null,
};

function encoded() {
  const { manifest, bin } = encodeModel(info, initWeights(config, 1));
  return { manifest: JSON.parse(JSON.stringify(manifest)) as ModelManifest, bin };
}

describe('model file format', () => {
  it('round-trips every tensor', () => {
    const tensors = initWeights(config, 1);
    const { manifest, bin } = encodeModel(info, tensors);
    const back = decodeModel(JSON.parse(JSON.stringify(manifest)), bin);
    expect(back.info).toEqual(info);
    for (const { name } of parameterSpecs(config))
      expect(back.tensors[name]).toEqual(tensors[name]);
  });

  it('refuses corrupt files with a reason', () => {
    const bad = (edit: (m: ModelManifest, b: Uint8Array) => Uint8Array | undefined) => {
      const { manifest, bin } = encoded();
      const b = edit(manifest, bin) ?? bin;
      return () => decodeModel(manifest, b);
    };
    expect(bad((_, b) => b.slice(0, b.length - 4))).toThrow(/bytes, the manifest says/);
    expect(
      bad((_, b) => {
        b[10] ^= 0xff;
        return b;
      }),
    ).toThrow(/checksum/);
    expect(
      bad((m) => {
        m.tensors[2].shape = [8, 9];
        return undefined;
      }),
    ).toThrow(/tensor 2 should be l0.ln1.g/);
    expect(
      bad((m) => {
        m.format = 'other' as ModelManifest['format'];
        return undefined;
      }),
    ).toThrow(/not a model manifest/);
    expect(
      bad((m) => {
        m.info.config.dModel = 7;
        return undefined;
      }),
    ).toThrow(/multiple of heads/);
    const nan = encodeModel(info, {
      ...initWeights(config, 1),
      tokEmb: new Float32Array(17 * 8).fill(Number.NaN),
    });
    expect(() => decodeModel(JSON.parse(JSON.stringify(nan.manifest)), nan.bin)).toThrow(
      /non-finite/,
    );
  });

  it('ships an index and model files that decode, each at most 2 MB', () => {
    const dir = new URL('../../../public/models/', import.meta.url);
    const models = parseModelIndex(JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')));
    expect(models.map((m) => m.id)).toContain('pre');
    for (const m of models) {
      const manifest = JSON.parse(readFileSync(new URL(`${m.id}.json`, dir), 'utf8'));
      const bin = readFileSync(new URL(`${m.id}.bin`, dir));
      expect(bin.byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
      const w = decodeModel(manifest, new Uint8Array(bin));
      expect(w.info).toEqual(m);
      if (m.trained) expect(m.accuracy).not.toBeNull();
    }
  });
});
