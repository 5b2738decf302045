import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJson } from './exportResults';
import { loadedNotice } from './precomputed';
import { resultSetOfText } from './resultFiles';

const row = {
  variant: 'dense',
  n: 64,
  msMedian: 2,
  msMin: 1,
  msMax: 3,
  peakBytes: 100,
  analyticBytes: 200,
  msAll: [1, 2, 3],
  analyticFlops: 3e9,
  relError: 0,
  maxAbsError: 0,
  errorReference: 'dense' as const,
};
const provenance = {
  backend: 'webgpu',
  adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
  date: '2025-01-31T10:00:00Z',
};

describe('reading a result file back', () => {
  it('reads what Download JSON writes', () => {
    const config = {
      variants: ['dense'],
      ns: [64],
      d: 32,
      heads: 1,
      causal: false,
      inputKind: 'gaussian' as const,
      seed: 1,
      repeats: 2,
      params: {},
    };
    const text = buildJson({ config, rows: [row], fits: [], provenance });
    const set = resultSetOfText(text);
    expect(typeof set).not.toBe('string');
    expect(set).toMatchObject({ config, rows: [row], fits: [], provenance });
  });

  it('names the problem of a file that cannot be shown', () => {
    expect(resultSetOfText('{not json')).toMatch(/^the file is not valid JSON/);
    expect(resultSetOfText('<!doctype html><html>')).toBe('the file is an HTML page, not JSON');
    expect(resultSetOfText('[1, 2]')).toBe('rows: missing (a required field)');
    expect(resultSetOfText('"x"')).toBe('the file: expected an object, got "x"');
    expect(resultSetOfText('{"rows": [], "provenance": {}}')).toMatch(
      /^rows: the file has no rows/,
    );
    expect(resultSetOfText('{"rows": [{"variant": "dense"}], "provenance": {}}')).toBe(
      'rows[0].n: missing (a required field)',
    );
    expect(resultSetOfText(JSON.stringify({ rows: [row] }))).toBe(
      'provenance: missing (a required field)',
    );
  });

  it('refuses the values that used to blank the page, naming the field', () => {
    const file = (r: object) => JSON.stringify({ rows: [{ ...row, ...r }], provenance });
    expect(resultSetOfText(file({ relError: 'x' }))).toMatch(
      /^rows\[0\]\.relError: expected a finite number ≥ 0, got "x"/,
    );
    expect(resultSetOfText(file({ relError: true }))).toMatch(/^rows\[0\]\.relError/);
    expect(resultSetOfText(file({ relError: {} }))).toMatch(/^rows\[0\]\.relError/);
    expect(resultSetOfText(file({ refused: { a: 1 } }))).toMatch(/^rows\[0\]\.refused/);
    expect(resultSetOfText(file({ n: null }).replace('"n":null', '"n":1e999'))).toMatch(
      /^rows\[0\]\.n: expected an integer/,
    );
    expect(resultSetOfText(file({ msMedian: 0 }))).toMatch(
      /^rows\[0\]\.msMedian: expected a positive/,
    );
    expect(resultSetOfText(file({ msMin: 5 }))).toBe(
      'rows[0].msMedian: expected msMin ≤ msMedian ≤ msMax, got 5 ≤ 2 ≤ 3',
    );
    expect(resultSetOfText(file({ variant: 'v'.repeat(100_000) }))).toBe(
      'rows[0].variant: expected a string of 1 to 64 characters, got a string of 100000 characters',
    );
    const twice = JSON.stringify({ rows: [row, row], provenance });
    expect(resultSetOfText(twice)).toBe(
      'rows[1]: dense at n = 64 appears twice (first at rows[0])',
    );
    const heads = JSON.stringify({ config: { heads: 1e9 }, rows: [row], provenance });
    expect(resultSetOfText(heads)).toMatch(/^config\.heads: expected an integer in \[1, 16\]/);
    const fits = JSON.stringify({
      rows: [row],
      fits: [{ variant: 'dense', slope: 'x' }],
      provenance,
    });
    expect(resultSetOfText(fits)).toMatch(/^fits\[0\]\.slope/);
  });

  it('reads the shipped pre-computed run', () => {
    const text = readFileSync('public/precomputed/complexity.json', 'utf8');
    expect(typeof resultSetOfText(text)).toBe('object');
  });

  it('says where and when a loaded file was measured', () => {
    expect(loadedNotice('run.json', provenance)).toBe(
      'Loaded run.json: measured on webgpu, google swiftshader (software adapter), 2025-01-31',
    );
  });
});
