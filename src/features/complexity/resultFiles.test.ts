import { describe, expect, it } from 'vitest';
import { buildJson } from './exportResults';
import { loadedNotice, readResultText } from './precomputed';

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
    const set = readResultText(text);
    expect(typeof set).not.toBe('string');
    expect(set).toMatchObject({ config, rows: [row], fits: [], provenance });
  });

  it('names the problem of a file that cannot be shown', () => {
    expect(readResultText('{not json')).toBe('it is not valid JSON');
    expect(readResultText('[1, 2]')).toBe('the file has no "rows" list');
    expect(readResultText('"x"')).toBe('the file is not a JSON object');
    expect(readResultText('{"rows": [], "provenance": {}}')).toBe('the file has no rows');
    expect(readResultText('{"rows": [{"variant": "dense"}]}')).toMatch(/^row 1 lacks/);
    expect(readResultText(JSON.stringify({ rows: [row] }))).toBe('the file has no "provenance"');
  });

  it('says where and when a loaded file was measured', () => {
    expect(loadedNotice('run.json', provenance)).toBe(
      'Loaded run.json: measured on webgpu, google swiftshader (software adapter), 2025-01-31',
    );
  });
});
