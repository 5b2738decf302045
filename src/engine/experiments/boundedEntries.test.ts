import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../testing/cpuHarness';
import { boundedEntries } from './boundedEntries';

beforeAll(useCpu);

describe('bounded entries (Alman & Song 2023)', () => {
  it('fixed-budget errors at B² = 4·ln n are ≥ 10× those at B² = 0.25·ln n (max abs error)', async () => {
    const budgets = { performer: { m: 64 }, taylor: { p: 2 }, nystrom: { m: 16 } };
    const points = await boundedEntries({
      ns: [64, 256],
      ratios: [0.25, 4],
      c: 1,
      budgets,
      seed: 1,
    });
    for (const variant of Object.keys(budgets)) {
      for (const n of [64, 256]) {
        const at = (ratio: number) =>
          points.find((p) => p.variant === variant && p.n === n && p.ratio === ratio);
        const small = at(0.25)?.maxAbsError ?? Number.NaN;
        const large = at(4)?.maxAbsError ?? Number.NaN;
        expect(large, `${variant} at n = ${n}`).toBeGreaterThanOrEqual(10 * small);
      }
    }
  });

  it('uses d = ⌈c·log₂ n⌉ and B = √(ratio·ln n)', async () => {
    const [p] = await boundedEntries({
      ns: [128],
      ratios: [2],
      c: 1.5,
      budgets: { linear: {} },
      seed: 3,
    });
    expect(p.d).toBe(Math.ceil(1.5 * 7));
    expect(p.b).toBeCloseTo(Math.sqrt(2 * Math.log(128)), 12);
  });
});
