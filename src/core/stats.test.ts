import { describe, expect, it } from 'vitest';
import { max, mean, median, min, quantile, spread, summarize } from './stats';

describe('stats', () => {
  it('median of odd and even counts, order-independent', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('min, max and mean', () => {
    const xs = [3, -2, 10, 4];
    expect(min(xs)).toBe(-2);
    expect(max(xs)).toBe(10);
    expect(mean(xs)).toBe(3.75);
  });

  it('quantile interpolates between order statistics (type 7)', () => {
    const xs = [10, 20, 30, 40, 50];
    expect(quantile(xs, 0)).toBe(10);
    expect(quantile(xs, 1)).toBe(50);
    expect(quantile(xs, 0.25)).toBe(20);
    expect(quantile(xs, 0.1)).toBeCloseTo(14, 12);
    expect(quantile([1, 2], 0.75)).toBeCloseTo(1.75, 12);
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('summarize gives every field', () => {
    expect(summarize([2, 8, 4])).toEqual({ median: 4, min: 2, max: 8, mean: 14 / 3, count: 3 });
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
  });

  it('rejects empty lists and q outside [0, 1]', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => min([])).toThrow(/empty/);
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });
});
