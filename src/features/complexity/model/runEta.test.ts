import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { remainingMs } from '../../../core/eta';
import { isMeasured, type SweepRow } from '../../../engine/results';
import type { SweepJobConfig } from '../../../worker/sweepProtocol';
import { resultSetOfText } from '../resultFiles';
import { etaPrior, runMsLeft } from './runEta';
import { sweepPoints } from './sweepCost';

/**
 * The time left, replayed on a recorded sweep: the shipped reference run's first lab run (eight
 * variants, n = 64 … 2048 on a software GPU), whose rows carry each point's wall time. After
 * every point from the first quarter on, the estimate must be within 2× of the time the rest
 * of the run really took.
 */

const set = resultSetOfText(readFileSync('public/precomputed/complexity.json', 'utf8'));
if (typeof set === 'string') throw new Error(set);
const params = (set.provenance.params ?? {}) as Record<string, Record<string, number>>;
const recorded: SweepJobConfig = {
  variants: ['dense', 'flash', 'fused', 'window', 'linformer', 'performer', 'linear', 'nystrom'],
  ns: [64, 128, 256, 512, 1024, 2048],
  d: 64,
  heads: 1,
  causal: false,
  inputKind: 'gaussian',
  seed: 1,
  repeats: 3,
  params,
};
const rowAt = new Map(set.rows.map((r) => [`${r.variant}@${r.n}`, r]));

describe('time left', () => {
  it('stays within 2× of the real remaining time after the first quarter of a recorded sweep', () => {
    const points = sweepPoints(recorded);
    const rows = points.map((p) => rowAt.get(`${p.variant}@${p.n}`) as SweepRow);
    const wall = rows.map((r) => (isMeasured(r) ? (r.wallMs as number) : 0));
    expect(wall.every((w) => w > 0)).toBe(true);
    const prior = etaPrior('softwareGpu');
    const ratios: string[] = [];
    for (let done = Math.ceil(points.length / 4); done < points.length; done++) {
      const predicted = runMsLeft(recorded, rows.slice(0, done), done, null, prior) as number;
      const actual = wall.slice(done).reduce((a, b) => a + b, 0);
      const ratio = predicted / actual;
      ratios.push(`${done}:${ratio.toFixed(2)}`);
      expect(
        ratio,
        `after ${done} of ${points.length} points (${ratios.join(' ')})`,
      ).toBeGreaterThanOrEqual(0.5);
      expect(
        ratio,
        `after ${done} of ${points.length} points (${ratios.join(' ')})`,
      ).toBeLessThanOrEqual(2);
    }
  });

  it('counts a refused point as no time and takes off what the point in flight has run', () => {
    const prior = { msPerFlop: 1e-6, msPerCall: 10 };
    const timed = [
      { variant: 'a', calls: 4, flops: 1e6, ms: 100 },
      { variant: 'a', calls: 4, flops: 1e8, ms: 1100 },
    ];
    // Slope (1100 − 100) / (1e8 − 1e6) ms per FLOP over an overhead of 100 ms.
    const next = { variant: 'a', calls: 4, flops: 4e8 };
    const one = remainingMs(timed, null, [next], prior);
    expect(one).toBeCloseTo(100 + (1000 / 99e6) * 4e8, 6);
    expect(remainingMs(timed, null, [next, { variant: 'a', calls: 0, flops: 0 }], prior)).toBe(one);
    expect(remainingMs(timed, { ...next, elapsedMs: 1000 }, [], prior)).toBeCloseTo(one - 1000, 6);
    expect(remainingMs(timed, { ...next, elapsedMs: 1e9 }, [], prior)).toBe(0);
  });

  it('before a variant shows compute, trusts the prior rate over a flat or noisy slope', () => {
    const prior = { msPerFlop: 1e-5, msPerCall: 10 };
    const flat = [
      { variant: 'a', calls: 4, flops: 1e5, ms: 50 },
      { variant: 'a', calls: 4, flops: 4e5, ms: 52 },
    ];
    expect(remainingMs(flat, null, [{ variant: 'a', calls: 4, flops: 1e8 }], prior)).toBeCloseTo(
      50 + 1e-5 * 1e8,
      6,
    );
    // A variant not yet measured borrows the others' overhead.
    expect(remainingMs(flat, null, [{ variant: 'b', calls: 0, flops: 0 }], prior)).toBe(0);
    expect(remainingMs(flat, null, [{ variant: 'b', calls: 4, flops: 1 }], prior)).toBeCloseTo(
      50,
      3,
    );
  });
});
