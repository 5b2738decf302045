import { describe, expect, it } from 'vitest';
import { PRECOMPUTE_MAX_N, precomputeStages } from './benchPlan';
import { mergeStageRows } from './precomputeRun';

const caps = {
  dense: { n: 256, why: 'dense is slow' },
  flash: { n: 128, why: 'flash is slower' },
};

describe('precomputeStages', () => {
  it('groups consecutive n with the same variants into one lab run', () => {
    const { stages } = precomputeStages(['dense', 'flash', 'linear'], [64, 128, 256, 512], caps);
    expect(stages).toEqual([
      { variants: ['dense', 'flash', 'linear'], ns: [64, 128] },
      { variants: ['dense', 'linear'], ns: [256] },
      { variants: ['linear'], ns: [512] },
    ]);
  });

  it('names every point above a cap as refused, with the cap and its reason', () => {
    const { skipped } = precomputeStages(['dense', 'flash', 'linear'], [64, 128, 256, 512], caps);
    expect(skipped.map((r) => `${r.variant}@${r.n}`)).toEqual([
      'flash@256',
      'dense@512',
      'flash@512',
    ]);
    expect(skipped[0].refused).toBe(
      'not run in the reference run, which stops flash at n = 128: flash is slower',
    );
  });

  it('covers every (variant, n) exactly once, run or skipped, with the shipped caps', () => {
    const variants = ['dense', 'flash', 'fused', 'window', 'linear'];
    const ns = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];
    const { stages, skipped } = precomputeStages(variants, ns);
    const run = stages.flatMap((s) => s.variants.flatMap((v) => s.ns.map((n) => `${v}@${n}`)));
    const all = [...run, ...skipped.map((r) => `${r.variant}@${r.n}`)].sort();
    expect(all).toEqual(variants.flatMap((v) => ns.map((n) => `${v}@${n}`)).sort());
    for (const [v, cap] of Object.entries(PRECOMPUTE_MAX_N)) {
      if (!variants.includes(v)) continue;
      expect(run).toContain(`${v}@${cap.n}`);
      expect(run).not.toContain(`${v}@${cap.n * 2}`);
    }
  });
});

describe('mergeStageRows', () => {
  const measured = (variant: string, n: number) => ({ variant, n, msMedian: n / 64 });

  it('orders rows by variant then n, and turns a failed run into refused rows that say so', () => {
    const { stages, skipped } = precomputeStages(['dense', 'linear'], [64, 128, 256, 512], caps);
    const rows = mergeStageRows(
      ['dense', 'linear'],
      [64, 128, 256, 512],
      [
        {
          stage: stages[0],
          rows: stages[0].ns.flatMap((n) => [measured('linear', n), measured('dense', n)]),
          error: null,
        },
        { stage: stages[1], rows: null, error: 'the page crashed during the run' },
      ],
      skipped,
    );
    expect(rows.map((r) => `${r.variant}@${r.n}`)).toEqual([
      'dense@64',
      'dense@128',
      'dense@256',
      'dense@512',
      'linear@64',
      'linear@128',
      'linear@256',
      'linear@512',
    ]);
    expect(rows[2].msMedian).toBe(4);
    expect(rows[3].refused).toMatch(/stops dense at n = 256: dense is slow/);
    expect(rows[7].refused).toBe(
      'not measured: the lab run for n = 512 failed (the page crashed during the run)',
    );
  });
});
