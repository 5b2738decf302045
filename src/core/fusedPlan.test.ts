import { describe, expect, it } from 'vitest';
import { FUSED_MAX_SPLITS, keyTile, splitPlan } from './fusedPlan';

describe('fused kernel split plan', () => {
  it('stages as many keys as 16 KiB of workgroup memory holds, at most 64', () => {
    expect(keyTile(16, 16)).toBe(64);
    expect(keyTile(64, 64)).toBe(32);
    expect(keyTile(128, 128)).toBe(16);
  });

  it('covers every key with no empty split, chunks a multiple of the key tile', () => {
    for (const n of [1, 2, 31, 32, 33, 130, 1000, 8192, 65536]) {
      for (const requested of [1, 2, 3, 7, 16, 64, 1000]) {
        const { splits, chunk } = splitPlan(n, 64, 64, requested);
        expect(chunk % 32).toBe(0);
        expect(splits).toBeGreaterThanOrEqual(1);
        expect(splits).toBeLessThanOrEqual(Math.min(requested, FUSED_MAX_SPLITS));
        expect(splits * chunk).toBeGreaterThanOrEqual(n);
        expect((splits - 1) * chunk).toBeLessThan(n);
      }
    }
  });

  it('runs the splits asked for when the keys allow, one pass for 1', () => {
    expect(splitPlan(8192, 64, 64, 8)).toEqual({ splits: 8, chunk: 1024 });
    expect(splitPlan(8192, 64, 64, 1)).toEqual({ splits: 1, chunk: 8192 });
    expect(splitPlan(130, 64, 64, 3)).toEqual({ splits: 3, chunk: 64 });
    expect(splitPlan(130, 64, 64, 64).splits).toBe(5);
  });
});
