import { describe, expect, it } from 'vitest';
import type { SweepRow } from '../../engine/results';
import { IDLE_RUN } from '../complexity/labRun';
import { DEFAULT_CONFIG, type LabConfig } from '../complexity/model/labConfig';
import { frontierForLink, shownRows } from '../complexity/selectedRun';
import { predictSeconds, READER_BUDGET_S, readerPlan, readerPlanText } from './readerSweep';

const config = (patch: Partial<LabConfig>): LabConfig => ({
  ...DEFAULT_CONFIG,
  params: structuredClone(DEFAULT_CONFIG.params),
  ...patch,
});

describe("an embed's reader-sized sweep", () => {
  it('caps an n = 16384 sweep to one predicted under the budget, and says so', () => {
    const author = config({ variants: ['dense', 'linear'], nMin: 64, nMax: 16384, repeats: 5 });
    const plan = readerPlan(author);
    expect(plan.capped).toBe(true);
    expect(plan.fullS).toBeGreaterThan(600);
    expect(plan.predictedS).toBeLessThanOrEqual(READER_BUDGET_S);
    expect(plan.config.nMax).toBeLessThan(16384);
    expect(plan.config.repeats).toBe(3);
    // The largest n that fits: doubling it would break the budget.
    expect(predictSeconds({ ...plan.config, nMax: plan.config.nMax * 2 })).toBeGreaterThan(
      READER_BUDGET_S,
    );
    const text = readerPlanText(plan, author);
    expect(text).toContain(`n = 64 … ${plan.config.nMax}`);
    expect(text).toContain("Capped from the author's n up to 16384 and 5 repeats");
    expect(text).toContain('under 30 s');
  });

  it('leaves a small sweep as it is', () => {
    const author = config({ variants: ['dense'], nMin: 64, nMax: 256, repeats: 2 });
    const plan = readerPlan(author);
    expect(plan.capped).toBe(false);
    expect(plan.config).toEqual(author);
    expect(readerPlanText(plan, author)).not.toContain('Capped');
  });

  it("sweeps a link's own kernel too: named in the text, its stated cost in the prediction", () => {
    const author = config({ variants: ['linear'], nMin: 64, nMax: 4096, repeats: 1 });
    const cheap = { name: 'mine', cost: 'n d', body: '' };
    const costly = { ...cheap, cost: 'n^2 d' };
    expect(predictSeconds(author, costly)).toBeGreaterThan(predictSeconds(author, cheap));
    expect(predictSeconds(author, cheap)).toBeGreaterThan(predictSeconds(author));
    const plan = readerPlan(author, costly);
    expect(plan.kernel).toBe(costly);
    expect(plan.predictedS).toBeLessThanOrEqual(READER_BUDGET_S);
    expect(readerPlanText(plan, author)).toMatch(
      /^Run live measures linear, your kernel “mine” at/,
    );
  });

  it('grows with the cost formula: dense at 2n costs about 4× dense at n', () => {
    const at = (n: number) =>
      predictSeconds(config({ variants: ['dense'], nMin: n, nMax: n, repeats: 1 }));
    expect(at(4096) / at(2048)).toBeGreaterThan(3.5);
    expect(at(4096) / at(2048)).toBeLessThan(4.1);
  });
});

const row = (variant: string, n: number, relError: number | null = 0.1): SweepRow => ({
  variant,
  n,
  msMedian: 1,
  msMin: 1,
  msMax: 1,
  msAll: [1],
  peakBytes: 1,
  analyticBytes: 1,
  analyticFlops: 1,
  relError,
  maxAbsError: relError,
  errorReference: 'dense',
});

describe('the pre-computed run for the chosen controls', () => {
  const pre = [row('dense', 64), row('dense', 1024), row('flash', 64), row('window', 64)];
  it('draws only the selected variants and names those it lacks', () => {
    const c = config({ variants: ['dense', 'fused', 'linear'], nMin: 64, nMax: 2048 });
    const { rows, gaps } = shownRows({ ...IDLE_RUN, source: 'precomputed', rows: pre }, c);
    expect(rows.map((r) => r.variant)).toEqual(['dense', 'dense']);
    expect(gaps).toMatch(/^The pre-computed run has no data for .*fused.* and .*linear/i);
    expect(gaps).toContain('no n = 128, 256, 512 and 2048');
  });
  it("draws a run of the user's own as it is", () => {
    const c = config({ variants: ['dense'] });
    const run = { ...IDLE_RUN, source: 'shared' as const, rows: pre };
    expect(shownRows(run, c)).toEqual({ rows: pre, gaps: null });
  });
  it('writes the frontier n the sender sees, chosen or the largest with an error', () => {
    expect(frontierForLink([row('dense', 64), row('dense', 2048)], null)).toBe(2048);
    expect(frontierForLink([row('dense', 64), row('dense', 2048, null)], null)).toBe(64);
    expect(frontierForLink([row('dense', 64)], 512)).toBe(512);
    expect(frontierForLink([], null)).toBeNull();
  });
});
