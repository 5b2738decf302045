import { describe, expect, it } from 'vitest';
import { datedName, exportName, jsonText } from './exportResults';

const day = new Date('2026-11-28T23:30:00Z');

describe('file names', () => {
  it('joins file-safe parts and the UTC date', () => {
    expect(datedName(['hardness', 'bounded'], 'json', day)).toBe(
      'hardness-bounded-2026-11-28.json',
    );
    expect(datedName(['layers', 'Pre Norm/x', 'dense'], 'json', day)).toBe(
      'layers-pre-norm-x-dense-2026-11-28.json',
    );
    expect(datedName(['layers', '../..', 'dense'], 'json', day)).not.toContain('/');
  });

  it("the lab's names are unchanged", () => {
    expect(exportName('json', day)).toBe('complexity-2026-11-28.json');
    expect(exportName('csv', day)).toBe('complexity-2026-11-28.csv');
  });
});

describe('jsonText', () => {
  const value = {
    name: 'a [1, 2] "b"',
    ns: [64, 128],
    m: [
      [1.5, -2e-7, null],
      [3, 4, 5],
    ],
    rows: [{ n: 1, all: [0.1, 0.2] }],
    empty: [],
    words: ['x', 'y'],
  };

  it('parses back to the same value', () => {
    expect(JSON.parse(jsonText(value))).toEqual(value);
  });

  it('keeps arrays of numbers on one line, everything else indented', () => {
    const text = jsonText(value);
    expect(text).toContain('"ns": [64, 128]');
    expect(text).toContain('[1.5, -2e-7, null]');
    expect(text).toContain('"all": [0.1, 0.2]');
    expect(text).toContain('"words": [\n    "x",\n    "y"\n  ]');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
