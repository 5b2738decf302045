import { describe, expect, it } from 'vitest';
import { prefixBlock, prefixInputs } from './headBlock';

/** [heads, n, width] with data[h][i][j] = 100 h + 10 i + j. */
const block = (heads: number, n: number, width: number) => {
  const data = new Float32Array(heads * n * width);
  for (let h = 0; h < heads; h++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < width; j++) data[(h * n + i) * width + j] = 100 * h + 10 * i + j;
  return { heads, n, width, data };
};

describe('prefixBlock', () => {
  it('takes the first n rows of every head, not the first rows of the flat data', () => {
    const p = prefixBlock(block(2, 4, 3), 2);
    expect(p).toMatchObject({ heads: 2, n: 2, width: 3 });
    expect(Array.from(p.data)).toEqual([0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
  });

  it('keeps the type, copies (the source is untouched) and returns the block itself at full n', () => {
    const b = { ...block(1, 3, 2), data: Float64Array.from(block(1, 3, 2).data) };
    const p = prefixBlock(b, 1);
    expect(p.data).toBeInstanceOf(Float64Array);
    p.data[0] = -1;
    expect(b.data[0]).toBe(0);
    expect(prefixBlock(b, 3)).toBe(b);
  });

  it.each([0, 5, 1.5])('refuses n = %s', (n) => {
    expect(() => prefixBlock(block(1, 4, 2), n)).toThrow(/prefix of n = .* the block has 4/);
  });

  it('cuts q, k and v alike (v may have its own width)', () => {
    const x = prefixInputs({ q: block(2, 8, 3), k: block(2, 8, 3), v: block(2, 8, 5) }, 4);
    expect([x.q.n, x.k.n, x.v.n, x.v.width]).toEqual([4, 4, 4, 5]);
    expect(x.v.data[4 * 5]).toBe(100); // head 1, row 0, column 0
  });
});
