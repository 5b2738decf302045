import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../engine/testing/cpuHarness';
import { hardnessDeps } from './hardnessEngine';
import { type HardnessContext, hardnessJob } from './hardnessJobs';
import type {
  BoundedEntriesExperiment,
  HardnessExperiment,
  HardnessProgress,
  ModExperiment,
} from './hardnessProtocol';

beforeAll(useCpu);

function ctx(over: Partial<HardnessContext> = {}): HardnessContext & { seen: HardnessProgress[] } {
  const seen: HardnessProgress[] = [];
  return {
    id: 1,
    backend: 'cpu',
    progress: (p) => seen.push(p),
    cancelled: () => false,
    lost: () => null,
    seen,
    ...over,
  };
}

const run = (experiment: HardnessExperiment, c = ctx()) =>
  hardnessJob({ type: 'hardness', id: 1, experiment }, hardnessDeps, c);

const bounded: BoundedEntriesExperiment = {
  kind: 'boundedEntries',
  ns: [64],
  ratios: [0.25, 4],
  c: 1,
  budgets: { performer: { m: 32 }, taylor: { p: 2 }, nystrom: { m: 16 } },
  seed: 1,
};
const mod: ModExperiment = {
  kind: 'mod',
  ns: [64, 128],
  d: 16,
  capacity: 0.25,
  repeats: 1,
  seed: 1,
};

describe('hardness job on the cpu backend', () => {
  it('bounded entries: one step per (n, ratio), error grows across the threshold, no leak', async () => {
    const c = ctx();
    const out = await run(bounded, c);
    expect(c.seen.map((p) => p.label)).toEqual(['n = 64, B²/ln n = 0.25', 'n = 64, B²/ln n = 4']);
    expect(out.tensors.before).toBe(out.tensors.after);
    expect(out.cancelled).toBe(false);
    if (out.result.kind !== 'boundedEntries') throw new Error('wrong kind');
    expect(out.result.points).toHaveLength(6);
    for (const v of ['performer', 'taylor', 'nystrom']) {
      const [small, large] = out.result.points.filter((p) => p.variant === v);
      expect(large.maxAbsError).toBeGreaterThan(10 * small.maxAbsError);
    }
  });

  it('mod: times full and routed attention per n, routed FLOPs (C/n)² of full, no leak', async () => {
    const out = await run(mod);
    expect(out.tensors.before).toBe(out.tensors.after);
    if (out.result.kind !== 'mod') throw new Error('wrong kind');
    const [p64, p128] = out.result.points;
    expect([p64.n, p128.n, p64.routed, p128.routed]).toEqual([64, 128, 16, 32]);
    for (const p of out.result.points) {
      expect(p.full.msMedian).toBeGreaterThan(0);
      expect(p.routedTime.msMedian).toBeGreaterThan(0);
      expect(p.routedFlops / p.fullFlops).toBeCloseTo((p.routed / p.n) ** 2, 2);
    }
  });

  it('performer: one series per m, close to the closed form at small ‖x+y‖²', async () => {
    const out = await run({
      kind: 'performer',
      d: 8,
      ms: [16, 64],
      normSqs: [0.5, 1],
      samples: 400,
      orthogonal: false,
      seed: 1,
    });
    if (out.result.kind !== 'performer') throw new Error('wrong kind');
    expect(out.result.series.map((s) => s.m)).toEqual([16, 64]);
    for (const s of out.result.series) {
      for (const p of s.points) expect(p.measured / p.closedForm).toBeGreaterThan(0.6);
    }
  });

  it('rank limit: best rank-m error √(n − m) for I, softmax error falls with τ', async () => {
    const out = await run({
      kind: 'rankLimit',
      pattern: 'identity',
      n: 16,
      m: 4,
      taus: [1, 0.01, 0.1],
    });
    if (out.result.kind !== 'rankLimit') throw new Error('wrong kind');
    const r = out.result;
    expect(r.bound).toBeCloseTo(Math.sqrt(12), 12);
    expect(r.bestError).toBeCloseTo(Math.sqrt(12), 6);
    expect(r.target).toHaveLength(256);
    expect(r.approximation).toHaveLength(256);
    expect(r.softmax.map((s) => s.tau)).toEqual([0.01, 0.1, 1]);
    expect(r.softmax[0].error).toBeLessThan(r.softmax[2].error);
    expect(r.sharpest[0]).toBeCloseTo(1, 6); // softmax at τ = 0.01 is nearly I
  });

  it('a cancel stops between points and keeps the points so far', async () => {
    let steps = 0;
    const c = ctx({ progress: () => steps++, cancelled: () => steps >= 1 });
    const out = await run({ ...bounded, ratios: [0.25, 1, 4] }, c);
    expect(out.cancelled).toBe(true);
    if (out.result.kind !== 'boundedEntries') throw new Error('wrong kind');
    expect(out.result.points).toHaveLength(3);
    expect(out.tensors.before).toBe(out.tensors.after);
  });

  it('a lost device ends the job with its message', async () => {
    let lost: string | null = null;
    const c = ctx({
      progress: () => {
        lost = 'device lost';
      },
      lost: () => lost,
    });
    const out = await run(mod, c);
    expect(out.error).toBe('device lost');
    expect(out.cancelled).toBe(false);
  });

  it('an engine error mid-job is reported with the points so far', async () => {
    let calls = 0;
    const deps = {
      ...hardnessDeps,
      modPoint: async () => {
        calls++;
        if (calls === 2) throw new Error('out of memory');
        return hardnessDeps.modPoint({ ...mod, n: 64, shouldCancel: () => false });
      },
    };
    const out = await hardnessJob({ type: 'hardness', id: 1, experiment: mod }, deps, ctx());
    expect(out.error).toBe('out of memory');
    if (out.result.kind !== 'mod') throw new Error('wrong kind');
    expect(out.result.points).toHaveLength(1);
  });
});
