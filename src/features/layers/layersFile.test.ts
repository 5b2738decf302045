import { describe, expect, it } from 'vitest';
import { atCapacity } from '../../core/model/config';
import { tokenize } from '../../core/model/task';
import type { AccuracyReport } from '../../core/model/trace';
import { jsonText } from '../complexity/exportResults';
import { DEFAULT_LAYERS_CONFIG } from './layersConfig';
import { accuracyOf, layersFile, layersFileName, plainData } from './layersFile';
import { tracedModel } from './runPlan';
import { fakeModel, fakeTrace } from './testing/fakeTrace';

const model = fakeModel();
const tokens = tokenize('CAFE|CAFE').tokens;
const trace = fakeTrace(model, tokens, 'window');
const accuracy: AccuracyReport = {
  model: model.id,
  variant: 'window',
  params: {},
  sequences: 64,
  seed: 7,
  exactAccuracy: 0.9976562,
  variantAccuracy: 0.25,
};
const provenance = { source: 'page', backend: 'webgpu', date: '2026-11-28T10:00:00.000Z' };

describe('plainData', () => {
  it('typed arrays become number arrays; floats keep 6 significant digits, integers stay', () => {
    const x = {
      a: Float32Array.from([1 / 3, 2, -0.000123456789]),
      b: [Float64Array.from([2 / 3])],
      n: 12345678,
      f: 1234.56789,
      s: 'text',
      z: null,
    };
    expect(plainData(x)).toEqual({
      a: [0.333333, 2, -0.000123457],
      b: [[0.666667]],
      n: 12345678,
      f: 1234.57,
      s: 'text',
      z: null,
    });
  });
});

describe('the layers file', () => {
  const file = JSON.parse(
    jsonText(layersFile({ model, config: DEFAULT_LAYERS_CONFIG, trace, accuracy, provenance })),
  );
  const t = tokens.length;

  it('model, config, trace, accuracy, provenance', () => {
    expect(Object.keys(file)).toEqual(['model', 'config', 'trace', 'accuracy', 'provenance']);
    expect(file.model).toEqual(model);
    expect(file.config).toEqual(DEFAULT_LAYERS_CONFIG);
    expect(file.accuracy).toEqual(accuracy);
    expect(file.provenance).toEqual(provenance);
  });

  it('every layer × head: attention and exact as plain arrays of T² rounded weights', () => {
    expect(file.trace.tokens).toEqual(tokens);
    expect(file.trace.layers).toHaveLength(model.config.layers);
    for (const [l, layer] of file.trace.layers.entries()) {
      for (const key of ['attention', 'exact'] as const) {
        expect(layer[key]).toHaveLength(model.config.heads);
        for (const [h, map] of layer[key].entries()) {
          expect(Array.isArray(map)).toBe(true);
          expect(map).toHaveLength(t * t);
          const source = trace.layers[l][key][h];
          for (let i = 0; i < t * t; i++) expect(map[i]).toBeCloseTo(source[i], 5);
        }
      }
    }
    expect(file.trace.rollout).toHaveLength(t * t);
    expect(file.trace.predictions).toHaveLength(t);
  });

  it('leaves out an accuracy of other settings', () => {
    expect(accuracyOf(trace, model.id, { ...accuracy, variant: 'dense' })).toBeNull();
    expect(accuracyOf(trace, model.id, { ...accuracy, params: { w: 4 } })).toBeNull();
    expect(accuracyOf(trace, 'other', accuracy)).toBeNull();
    expect(accuracyOf(trace, model.id, { ...accuracy, capacity: 0.25 })).toBeNull();
    expect(accuracyOf(trace, model.id, { ...accuracy, variantSeed: 3 })).toBeNull();
    const seeded = { ...trace, seed: 3 };
    expect(accuracyOf(seeded, model.id, { ...accuracy, variantSeed: 3 })).not.toBeNull();
    expect(accuracyOf(trace, model.id, null)).toBeNull();
    expect(accuracyOf(trace, model.id, accuracy)).toBe(accuracy);
  });

  it('stays small: 4 layers × 4 heads at 31 tokens is a few hundred kB', () => {
    const big = fakeModel({ layers: 4, heads: 4 });
    const long = fakeTrace(big, tokenize('ABCDEFGHIJKLMNO|ABCDEFGHIJKLMNO').tokens, 'window');
    const text = jsonText(
      layersFile({ model: big, config: DEFAULT_LAYERS_CONFIG, trace: long, accuracy, provenance }),
    );
    expect(text.length).toBeLessThan(500_000);
  });
});

describe('the model a trace ran with', () => {
  it('by id, a MoD model at the capacity the trace routed with', () => {
    const mod = fakeModel({ mod: { capacity: 0.5, layers: [1] } }, 'mod');
    const routed = { ...fakeTrace(mod, tokens), capacity: 0.25 };
    expect(tracedModel([model, mod], 'mod', routed)).toEqual(atCapacity(mod, 0.25));
    expect(tracedModel([model, mod], 'prenorm', trace)).toBe(model);
    expect(tracedModel([model], 'gone', trace)).toBeNull();
  });
});

describe('file name', () => {
  it('layers-<model>-<variant>-<date>.json', () => {
    const day = new Date('2026-11-28T12:00:00Z');
    expect(layersFileName('pre', 'dense', day)).toBe('layers-pre-dense-2026-11-28.json');
    expect(layersFileName('mod', 'window', day)).toBe('layers-mod-window-2026-11-28.json');
  });
});
