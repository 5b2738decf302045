import { describe, expect, it } from 'vitest';
import { performerRelativeMSE } from './performerEstimator';
import {
  bestRankApproximation,
  frobeniusDistance,
  singularValues,
  softmaxTowards,
  targetPattern,
} from './rankLimit';

describe('Performer estimator (iid features)', () => {
  it('matches the closed form (e^{‖x+y‖²} − 1)/m within 10% at m = 256 for ‖x+y‖² ≤ 2', () => {
    const points = performerRelativeMSE({
      d: 16,
      m: 256,
      normSqs: [0.25, 0.5, 1, 1.5, 2],
      samples: 3000,
      seed: 1,
    });
    for (const p of points) {
      expect(Math.abs(p.measured - p.closedForm) / p.closedForm).toBeLessThan(0.1);
    }
  });

  it('orthogonal features have lower error than iid ones', () => {
    const opts = { d: 16, m: 64, normSqs: [1], samples: 2000, seed: 2 };
    const [iid] = performerRelativeMSE(opts);
    const [orth] = performerRelativeMSE({ ...opts, orthogonal: true });
    expect(orth.measured).toBeLessThan(iid.measured);
  });
});

describe('rank limit', () => {
  const n = 24;
  it('singular values of the identity and a shift are all 1', () => {
    for (const kind of ['identity', 'shift'] as const) {
      const s = singularValues(targetPattern(kind, n), n);
      for (const x of s) expect(x).toBeCloseTo(1, 8);
    }
  });

  it.each([1, 4, 12, 20])('the best rank-%i approximation of I is never below √(n − m)', (m) => {
    const { error, approximation } = bestRankApproximation(targetPattern('identity', n), n, m);
    expect(error).toBeGreaterThanOrEqual(Math.sqrt(n - m) - 1e-9);
    expect(error).toBeCloseTo(Math.sqrt(n - m), 6); // Eckart–Young: attained
    expect(approximation.length).toBe(n * n);
  });

  it('a band is easier: its best rank-m error falls below √(n − m)', () => {
    const m = 8;
    expect(bestRankApproximation(targetPattern('band', n), n, m).error).toBeLessThan(
      Math.sqrt(n - m),
    );
  });

  it('softmax error falls towards 0 as the temperature falls', () => {
    const t = targetPattern('identity', n);
    const errs = [1, 0.3, 0.1, 0.03, 0.01].map((tau) =>
      frobeniusDistance(t, softmaxTowards(t, n, tau)),
    );
    for (let i = 1; i < errs.length; i++) expect(errs[i]).toBeLessThan(errs[i - 1]);
    expect(errs[errs.length - 1]).toBeLessThan(1e-6);
  });
});
