import { describe, expect, it } from 'vitest';
import { isBackendName, isEngineResponse, isFinal, parseRequest } from './protocol';

const crossCheck = { type: 'crossCheck', id: 2, n: 64, d: 16, heads: 2, seed: 1, causal: true };

describe('parseRequest', () => {
  it('accepts the three request types', () => {
    expect(parseRequest({ type: 'init', id: 1 })).toEqual({
      ok: true,
      request: { type: 'init', id: 1 },
    });
    expect(parseRequest({ type: 'init', id: 1, order: ['wasm', 'cpu'] }).ok).toBe(true);
    expect(parseRequest(crossCheck).ok).toBe(true);
    expect(parseRequest({ type: 'cancel', id: 2 }).ok).toBe(true);
  });

  it.each([
    [null, /object with a string "type"/],
    ['init', /object with a string "type"/],
    [{ type: 'bogus', id: 1 }, /unknown request type "bogus"/],
    [{ type: 'init' }, /invalid init request: id: missing \(a required field\)/],
    [{ type: 'init', id: -1 }, /non-negative integer id/],
    [{ type: 'init', id: 1.5 }, /non-negative integer id/],
    [
      { type: 'init', id: 1, order: [] },
      /order: expected a non-empty list of webgpu, webgl, wasm, cpu, got a list of 0/,
    ],
    [
      { type: 'init', id: 1, order: ['webgpu', 'metal'] },
      /order\[1\]: expected one of webgpu, webgl, wasm, cpu, got "metal"/,
    ],
    [{ ...crossCheck, n: 0 }, /n: expected an integer in \[1, 1024\], got 0/],
    [{ ...crossCheck, n: 4096 }, /n: expected an integer in \[1, 1024\], got 4096/],
    [{ ...crossCheck, d: 2.5 }, /d: expected an integer in \[1, 128\], got 2.5/],
    [{ ...crossCheck, heads: '2' }, /heads: expected an integer in \[1, 16\], got "2"/],
    [{ ...crossCheck, seed: -1 }, /seed: expected an integer in \[0, 4294967295\], got -1/],
    [{ ...crossCheck, causal: 'yes' }, /causal: expected true or false, got "yes"/],
  ])('rejects %j', (msg, why) => {
    const parsed = parseRequest(msg);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(why);
  });
});

describe('response guards', () => {
  it('recognises well-formed responses', () => {
    expect(isEngineResponse({ type: 'progress', id: 1, done: 1, total: 2, label: 'x' })).toBe(true);
    expect(isEngineResponse({ type: 'deviceLost', message: 'gone' })).toBe(true);
    expect(isEngineResponse({ type: 'error', id: null, message: 'bad' })).toBe(true);
    expect(isEngineResponse({ type: 'cancelled', id: 3 })).toBe(true);
  });

  it('rejects unknown or malformed ones', () => {
    expect(isEngineResponse({ type: 'hello', id: 1 })).toBe(false);
    expect(isEngineResponse({ type: 'ready' })).toBe(false);
    expect(isEngineResponse({ type: 'deviceLost' })).toBe(false);
    expect(isEngineResponse({ type: 'error', id: 1 })).toBe(false);
    expect(isEngineResponse(undefined)).toBe(false);
  });

  it('marks only final messages as final', () => {
    expect(isFinal({ type: 'progress', id: 1, backend: 'cpu', done: 0, total: 1, label: '' })).toBe(
      false,
    );
    expect(isFinal({ type: 'deviceLost', message: '' })).toBe(false);
    expect(isFinal({ type: 'cancelled', id: 1 })).toBe(true);
    expect(isFinal({ type: 'initFailed', id: 1, error: 'x' })).toBe(true);
  });

  it('knows the backend names', () => {
    expect(['webgpu', 'webgl', 'wasm', 'cpu'].every(isBackendName)).toBe(true);
    expect(isBackendName('WEBGPU')).toBe(false);
    expect(isBackendName(3)).toBe(false);
  });
});

describe('request schemas: the refusal names the nested field', () => {
  const config = {
    variants: ['dense', 'flash'],
    ns: [64, 128],
    d: 16,
    heads: 2,
    causal: false,
    inputKind: 'gaussian',
    seed: 1,
    repeats: 3,
  };
  const block = (n: number, width: number) => ({
    heads: 2,
    n,
    width,
    data: new Float32Array(2 * n * width),
  });
  const inputFile = {
    name: 'qkv.npy',
    shape: [2, 128, 16],
    dtype: 'float32',
    sha256: 'a'.repeat(64),
  };
  const model = { model: 'pre', modelsUrl: 'https://example.org/models/', variant: 'dense' };
  const bounded = {
    kind: 'boundedEntries',
    ns: [64],
    ratios: [1],
    c: 1,
    budgets: { performer: { m: 64 } },
    seed: 1,
  };

  it.each([
    [{ type: 'init', id: 1, order: ['cpu', 7] }, 'order[1]', /expected one of webgpu, .*, got 7$/],
    [{ ...crossCheck, heads: 17 }, 'heads', /expected an integer in \[1, 16\], got 17$/],
    [{ type: 'cancel', id: 'x' }, 'id', /expected a non-negative integer id, got "x"$/],
    [
      { type: 'sweep', id: 3, config: { ...config, ns: [64, 128, 100] } },
      'config.ns[2]',
      /expected a power of two in \[16, 16384\], got 100$/,
    ],
    [
      {
        type: 'sweep',
        id: 3,
        config: { ...config, inputFile },
        inputs: { q: block(128, 8), k: block(128, 16), v: block(128, 16) },
      },
      'inputs.q.width',
      /expected config\.d \(16\), got 8$/,
    ],
    [
      {
        type: 'paramSweep',
        id: 4,
        config: { ...config, variants: ['performer'], ns: [64] },
        param: 'm',
        values: [16, 32, 16],
      },
      'values[2]',
      /expected a value not already in the list, got 16$/,
    ],
    [
      { type: 'hardness', id: 5, experiment: { ...bounded, budgets: { taylor: { p: 3 } } } },
      'experiment.budgets.taylor.p',
      /expected an even integer in \[0, 4\], got 3$/,
    ],
    [
      { type: 'hardness', id: 5, experiment: { ...bounded, ratios: [1, 64] } },
      'experiment.ratios[1]',
      /expected a number in \[0\.01, 32\], got 64$/,
    ],
    [
      {
        type: 'layerTrace',
        id: 6,
        ...model,
        tokens: [1, 2],
        params: { m: Number.POSITIVE_INFINITY },
      },
      'params.m',
      /expected a finite number, got Infinity$/,
    ],
    [
      { type: 'layerAccuracy', id: 7, ...model, sequences: 10, seed: 1, capacity: 2 },
      'capacity',
      /expected a number in \(0, 1\], got 2$/,
    ],
  ])('%# refuses at its path', (msg, path, why) => {
    const parsed = parseRequest(msg);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.startsWith(`invalid ${msg.type} request: ${path}: expected `)).toBe(true);
    expect(parsed.error).toMatch(why);
  });

  it('drops unknown keys and an own __proto__ at the top level and inside (as before, no refusal)', () => {
    const parsed = parseRequest(
      JSON.parse(
        '{"type":"crossCheck","id":2,"n":64,"d":16,"heads":2,"seed":1,"causal":true,' +
          '"extra":1,"__proto__":{"polluted":true}}',
      ),
    );
    expect(parsed).toEqual({ ok: true, request: crossCheck });
    if (!parsed.ok) return;
    expect(Object.keys(parsed.request)).toEqual([
      'type',
      'id',
      'n',
      'd',
      'heads',
      'seed',
      'causal',
    ]);
    expect(Object.getPrototypeOf(parsed.request)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const sweep = parseRequest(
      JSON.parse(
        JSON.stringify({ type: 'sweep', id: 3, config, extra: true }).replace(
          '"seed":1',
          '"seed":1,"__proto__":{"polluted":true},"more":2',
        ),
      ),
    );
    expect(sweep.ok).toBe(true);
    if (!sweep.ok || sweep.request.type !== 'sweep') return;
    expect(Object.keys(sweep.request)).toEqual(['type', 'id', 'config']);
    expect(Object.hasOwn(sweep.request.config, '__proto__')).toBe(false);
    expect(Object.hasOwn(sweep.request.config, 'more')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the Float32Array of the inputs as it came (no copy)', () => {
    const inputs = { q: block(128, 16), k: block(128, 16), v: block(128, 8) };
    const parsed = parseRequest({ type: 'sweep', id: 3, config: { ...config, inputFile }, inputs });
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.request.type === 'sweep') {
      expect(parsed.request.inputs?.q.data).toBe(inputs.q.data);
    }
  });
});
