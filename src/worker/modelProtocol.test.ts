import { describe, expect, it } from 'vitest';
import { parseRequest } from './protocol';

const trace = {
  type: 'layerTrace',
  id: 1,
  model: 'pre',
  modelsUrl: 'https://example.org/app/models/',
  tokens: [2, 0, 5, 4, 16, 2, 0, 5, 4],
  variant: 'performer',
  params: { m: 64 },
};
const accuracy = {
  type: 'layerAccuracy',
  id: 2,
  model: 'pre',
  modelsUrl: 'http://localhost:5173/models/',
  variant: 'linear',
  sequences: 300,
  seed: 11,
};
const problem = (x: object) => {
  const r = parseRequest(x);
  return r.ok ? null : r.error;
};

describe('layer job requests', () => {
  it('accepts well-formed requests', () => {
    expect(problem(trace)).toBeNull();
    expect(problem(accuracy)).toBeNull();
    expect(problem({ ...trace, params: undefined, seed: 3 })).toBeNull();
  });

  it('refuses bad model ids and folders', () => {
    expect(problem({ ...trace, model: '../secret' })).toMatch(/model: expected a model id/);
    expect(problem({ ...trace, model: 'Pre' })).toMatch(/model: expected a model id/);
    expect(problem({ ...accuracy, model: 7 })).toMatch(/model: expected a model id/);
    expect(problem({ ...trace, modelsUrl: '/models/' })).toMatch(/absolute http\(s\) URL/);
    expect(problem({ ...trace, modelsUrl: 'https://example.org/models' })).toMatch(
      /ending in "\/"/,
    );
    expect(problem({ ...trace, modelsUrl: 'file:///models/' })).toMatch(/absolute http\(s\) URL/);
  });

  it('refuses tokens out of range, too many tokens and none', () => {
    expect(problem({ ...trace, tokens: [1, 17] })).toMatch(
      /tokens\[1\]: expected a token id in \[0, 16\], got 17/,
    );
    expect(problem({ ...trace, tokens: [1, -1] })).toMatch(
      /tokens\[1\]: expected a token id in \[0, 16\], got -1/,
    );
    expect(problem({ ...trace, tokens: [1, 2.5] })).toMatch(
      /tokens\[1\]: expected a token id in \[0, 16\], got 2.5/,
    );
    expect(problem({ ...trace, tokens: new Array(33).fill(0) })).toMatch(
      /tokens: expected at most 32 tokens/,
    );
    expect(problem({ ...trace, tokens: [] })).toMatch(/non-empty/);
  });

  it('refuses unknown variants, bad params, sequences and seeds', () => {
    expect(problem({ ...trace, variant: 'magic' })).toMatch(
      /variant: expected one of dense, .*got "magic"/,
    );
    expect(problem({ ...trace, params: { m: 'x' } })).toMatch(
      /params\.m: expected a finite number/,
    );
    expect(problem({ ...accuracy, sequences: 0 })).toMatch(
      /sequences: expected an integer in \[1, 4096\]/,
    );
    expect(problem({ ...accuracy, sequences: 5000 })).toMatch(
      /sequences: expected an integer in \[1, 4096\]/,
    );
    expect(problem({ ...accuracy, seed: -1 })).toMatch(/(^|: )seed: expected an integer/);
    expect(problem({ ...trace, seed: 1.5 })).toMatch(/(^|: )seed: expected an integer/);
    expect(problem({ ...accuracy, variantSeed: 2 ** 32 })).toMatch(
      /variantSeed: expected an integer/,
    );
    expect(problem({ ...accuracy, variantSeed: 0 })).toBeNull();
  });

  it('takes a MoD capacity in (0, 1] and nothing else', () => {
    expect(problem({ ...trace, capacity: 0.25 })).toBeNull();
    expect(problem({ ...accuracy, capacity: 1 })).toBeNull();
    for (const bad of [0, -0.5, 1.5, Number.NaN, '0.5']) {
      expect(problem({ ...trace, capacity: bad }), String(bad)).toMatch(
        /capacity: expected a number in \(0, 1\]/,
      );
      expect(problem({ ...accuracy, capacity: bad }), String(bad)).toMatch(
        /capacity: expected a number/,
      );
    }
  });
});
