import { describe, expect, it } from 'vitest';
import { isEngineResponse, isFinal, parseRequest } from './protocol';

const bounded = {
  kind: 'boundedEntries',
  ns: [64, 128],
  ratios: [0.25, 1, 4],
  c: 1,
  budgets: { performer: { m: 64 }, taylor: { p: 2 }, nystrom: { m: 16 } },
  seed: 1,
};
const performer = {
  kind: 'performer',
  d: 16,
  ms: [16, 256],
  normSqs: [0.5, 1, 2],
  samples: 100,
  orthogonal: false,
  seed: 1,
};
const rank = { kind: 'rankLimit', pattern: 'identity', n: 24, m: 8, taus: [1, 0.1] };
const mod = { kind: 'mod', ns: [128, 256], d: 32, capacity: 0.125, repeats: 3, seed: 1 };
const req = (experiment: unknown) => ({ type: 'hardness', id: 5, experiment });

describe('hardness requests', () => {
  it.each([bounded, performer, rank, mod])('accepts a valid $kind request', (e) => {
    expect(parseRequest(req(e))).toEqual({ ok: true, request: req(e) });
  });

  it.each([
    [null, /experiment: expected an object, got null/],
    [
      { kind: 'nope' },
      /experiment\.kind: expected one of boundedEntries, performer, rankLimit, mod, got "nope"/,
    ],
    [{ ...bounded, seed: -1 }, /experiment\.seed: expected an integer/],
    [{ ...bounded, ns: [] }, /experiment\.ns: expected a non-empty list/],
    [{ ...bounded, ns: [100] }, /power of two/],
    [
      { ...bounded, ns: [64, 64] },
      /experiment\.ns\[1\]: expected a value not already in the list, got 64/,
    ],
    [{ ...bounded, ns: [2048] }, /in \[16, 1024\], got 2048/],
    [{ ...bounded, ratios: [0.25, Number.NaN] }, /a number in \[0.01, 32\]/],
    [{ ...bounded, ratios: Array.from({ length: 40 }, (_, i) => (i + 1) / 10) }, /at most 64/],
    [{ ...bounded, c: 9 }, /experiment\.c: expected a number in \[0.25, 4\]/],
    [{ ...bounded, budgets: {} }, /experiment\.budgets: expected an object naming at least one/],
    [
      { ...bounded, budgets: { linformer: { k: 64 } } },
      /experiment\.budgets\.linformer: .*excluded/,
    ],
    [
      { ...bounded, budgets: { dense: {} } },
      /experiment\.budgets\.dense: expected one of performer, taylor, nystrom, got "dense"/,
    ],
    [
      { ...bounded, budgets: { taylor: { p: 3 } } },
      /experiment\.budgets\.taylor\.p: expected an even integer/,
    ],
    [
      { ...bounded, budgets: { taylor: { m: 2 } } },
      /experiment\.budgets\.taylor: expected \{p: integer\}/,
    ],
    [
      { ...bounded, budgets: { performer: { m: 5000 } } },
      /experiment\.budgets\.performer\.m: expected an integer/,
    ],
    [{ ...performer, d: 0 }, /experiment\.d: expected an integer in \[1, 128\]/],
    [
      { ...performer, ms: [1, 2, 4, 8, 16, 32, 64] },
      /experiment\.ms: expected a list of at most 6 values/,
    ],
    [{ ...performer, normSqs: [20] }, /experiment\.normSqs\[0\]: expected a number/],
    [{ ...performer, samples: 1e6 }, /experiment\.samples: expected an integer in \[1, 5000\]/],
    [{ ...performer, orthogonal: 'yes' }, /experiment\.orthogonal: expected true or false/],
    [{ ...rank, pattern: 'zigzag' }, /experiment\.pattern: expected one of identity, shift, band/],
    [{ ...rank, n: 65 }, /experiment\.n: expected an integer in \[2, 64\]/],
    [{ ...rank, m: 24 }, /experiment\.m: expected an integer in \[1, 23\]/],
    [{ ...rank, taus: [0] }, /experiment\.taus\[0\]: expected a number/],
    [{ ...mod, capacity: 0 }, /experiment\.capacity: expected a number in \[0\.01, 1\], got 0/],
    [
      { ...mod, capacity: 1.5 },
      /experiment\.capacity: expected a number in \[0\.01, 1\], got 1\.5/,
    ],
    [{ ...mod, repeats: 0 }, /experiment\.repeats: expected an integer in \[1, 20\]/],
    [{ ...mod, ns: [8] }, /experiment\.ns\[0\]: expected an integer in \[16, 8192\]/],
  ])('rejects %# with the reason', (experiment, why) => {
    const parsed = parseRequest(req(experiment));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(/^invalid hardness request: /);
      expect(parsed.error).toMatch(why);
    }
  });

  it('knows the progress and result responses', () => {
    const progress = { type: 'hardnessProgress', id: 1, step: 1, total: 2, label: 'n = 64' };
    expect(isEngineResponse(progress)).toBe(true);
    expect(isFinal(progress as never)).toBe(false);
    expect(isEngineResponse({ type: 'hardnessResult', id: 1 })).toBe(true);
    expect(isFinal({ type: 'hardnessResult', id: 1 } as never)).toBe(true);
  });
});
