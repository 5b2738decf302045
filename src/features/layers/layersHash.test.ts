import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS_CONFIG, type LayersConfig } from './layersConfig';
import { encodeLayers, ownsLayersKey, parseLayers, reconcileModel } from './layersHash';
import { fakeModel } from './testing/fakeTrace';

const MODELS = [fakeModel({}, 'prenorm'), fakeModel({ layers: 4, heads: 4 }, 'attnres')];
const params = (pairs: [string, string | number][]) =>
  new URLSearchParams(pairs.map(([k, v]) => [k, String(v)]));

describe('layers hash part', () => {
  it('owns the l. keys only', () => {
    expect(ownsLayersKey('l.model')).toBe(true);
    expect(ownsLayersKey('l.p.m')).toBe(true);
    expect(ownsLayersKey('layers')).toBe(false);
    expect(ownsLayersKey('n')).toBe(false);
  });

  it('writes nothing for the defaults', () => {
    expect(encodeLayers(DEFAULT_LAYERS_CONFIG)).toEqual([]);
  });

  it('round-trips every key (layer and head counted from 1 in the URL)', () => {
    const config: LayersConfig = {
      model: 'attnres',
      variant: 'performer',
      params: { performer: { m: 64 } },
      text: 'CAFE|CAFE',
      layer: 2,
      head: 0,
      grid: 'difference',
      capacity: 0.25,
      seed: 4_000_000_000,
    };
    const pairs = encodeLayers(config);
    expect(pairs).toContainEqual(['l.cap', 0.25]);
    expect(pairs).toContainEqual(['l.seed', 4_000_000_000]);
    expect(pairs).toContainEqual(['l.layer', 3]);
    expect(pairs).toContainEqual(['l.p.m', 64]);
    const back = parseLayers(params(pairs), MODELS);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(config);
    // The same without the model list (first load): form checks only.
    expect(parseLayers(params(pairs), null).config).toEqual(config);
  });

  it('a capacity that is not one of the choices keeps the trained one, with a notice', () => {
    for (const bad of ['0.3', '0', '2', 'half', '']) {
      const r = parseLayers(new URLSearchParams({ 'l.cap': bad }), MODELS);
      expect(r.config.capacity, bad).toBeNull();
      expect(r.notices.join(' '), bad).toMatch(
        /Ignored l\.cap=.*one of 0\.125, 0\.25, 0\.5, 0\.75, 1/,
      );
    }
  });

  it('a parameter equal to its default is not written', () => {
    const c = { ...DEFAULT_LAYERS_CONFIG, variant: 'performer', params: { performer: { m: 256 } } };
    expect(encodeLayers(c)).toEqual([['l.variant', 'performer']]);
  });

  it('bad values fall back to their defaults, each with a notice', () => {
    const { config, notices } = parseLayers(
      params([
        ['l.model', 'nope'],
        ['l.variant', 'magic'],
        ['l.text', 'CAFE|CAF3'],
        ['l.layer', '0'],
        ['l.head', 'x'],
        ['l.grid', 'sideways'],
        ['l.zz', '1'],
        ['l.seed', '4294967296'],
      ]),
      MODELS,
    );
    expect(config).toEqual(DEFAULT_LAYERS_CONFIG);
    expect(notices).toHaveLength(8);
    expect(notices.join('\n')).toMatch(/l\.seed="4294967296".*from 0 to 4294967295/);
    expect(notices.join('\n')).toContain('"l.zz"');
    expect(notices.join('\n')).toContain('"3"');
    expect(notices.join('\n')).toContain('models: prenorm, attnres');
  });

  it('checks parameters against the chosen variant', () => {
    const bad = parseLayers(
      params([
        ['l.variant', 'performer'],
        ['l.p.m', '0'],
        ['l.p.block', '8'],
      ]),
      MODELS,
    );
    expect(bad.config.params).toEqual({});
    expect(bad.notices).toHaveLength(2);
    expect(bad.notices[1]).toContain('performer has no such parameter');
  });

  it('refuses a text longer than the context, with the limit', () => {
    const long = 'ABCDEFGHIJKLMNOP|ABCDEFGHIJKLMNOP';
    const { config, notices } = parseLayers(params([['l.text', long]]), MODELS);
    expect(config.text).toBe(DEFAULT_LAYERS_CONFIG.text);
    expect(notices[0]).toContain("33 tokens; the model's context is 32");
  });

  it('checks layer and head against the model once its index has loaded', () => {
    const early = parseLayers(
      params([
        ['l.model', 'ghost'],
        ['l.layer', '4'],
        ['l.head', '3'],
      ]),
      null,
    );
    expect(early.notices).toEqual([]);
    const late = reconcileModel(early.config, MODELS);
    expect(late.config.model).toBe('');
    expect(late.config.layer).toBeNull();
    expect(late.notices).toHaveLength(2);
    const fine = reconcileModel({ ...early.config, model: 'attnres' }, MODELS);
    expect(fine.notices).toEqual([]);
    expect(fine.config.layer).toBe(3);
  });
});
