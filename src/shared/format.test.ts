import { describe, expect, it } from 'vitest';
import { formatDiff, formatMiB, formatParams, formatTolerance } from './format';

describe('format', () => {
  it('formats sizes, differences, parameters and durations', () => {
    expect(formatMiB(2 ** 30)).toBe('1,024 MiB');
    expect(formatMiB(1.5 * 2 ** 20)).toBe('1.5 MiB');
    expect(formatDiff(0)).toBe('0');
    expect(formatDiff(3.14e-7)).toBe('3.1e-7');
    expect(formatDiff(null)).toBe('—');
    expect(formatDiff(Number.NaN)).toBe('NaN');
    expect(formatDiff(Infinity)).toBe('∞');
    expect(formatParams({ block: 8, globals: 8 })).toBe('block 8, globals 8');
    expect(formatParams({})).toBe('no parameters');
    expect(formatTolerance(1e-4)).toBe('1e-4');
  });
});
