import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDiff,
  formatError,
  formatMiB,
  formatMs,
  formatN,
  formatParams,
  formatTolerance,
} from './numberFormat';

describe('number formats', () => {
  it('writes bytes in binary units without trailing zeros', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2 ** 20)).toBe('1 MiB');
    expect(formatBytes(1.5 * 2 ** 20)).toBe('1.5 MiB');
    expect(formatBytes(1000 * 2 ** 20)).toBe('1000 MiB');
    expect(formatBytes(123_456_789)).toBe('118 MiB');
  });

  it('writes n as 1K, 16K', () => {
    expect(formatN(1024)).toBe('1K');
    expect(formatN(16384)).toBe('16K');
    expect(formatN(100)).toBe('100');
  });

  it('writes errors with three significant digits and no trailing zeros', () => {
    expect([1, 0.1, 0.01, 1e-3, 1e-6].map(formatError)).toEqual([
      '1',
      '0.1',
      '0.01',
      '1e-3',
      '1e-6',
    ]);
    expect(formatError(0.012345)).toBe('0.0123');
    expect(formatError(3.6723e-7)).toBe('3.67e-7');
    expect(formatError(2.5e-5)).toBe('2.5e-5');
    expect(formatError(0)).toBe('0');
  });
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

  it('writes durations with three significant digits in µs, ms or s', () => {
    expect(formatMs(0.5321)).toBe('532 µs');
    expect(formatMs(12.4)).toBe('12.4 ms');
    expect(formatMs(1530)).toBe('1.53 s');
    expect(formatMs(1)).toBe('1.00 ms');
  });
});
