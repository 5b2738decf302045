import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { VARIANT_SPECS } from '../core/variantSpecs';
import { type CrossCheckProgress, crossCheck, SMALL_N_PARAMS, TOLERANCE } from './crossCheck';
import { useCpu } from './testing/cpuHarness';
import { VARIANTS } from './variants';

/** cpu as the 'active' backend: trivially equal, which proves the plumbing and the accounting. */
beforeAll(useCpu);

const small = { n: 64, d: 16, heads: 2, seed: 3, causal: true };

describe('crossCheck on cpu vs cpu', () => {
  it('has one row per variant, plus a causal row where the variant supports it', async () => {
    const report = await crossCheck(small);
    const expected = VARIANT_SPECS.flatMap((s) =>
      s.supportsCausal ? [`${s.id}:false`, `${s.id}:true`] : [`${s.id}:false`],
    );
    expect(report.rows.map((r) => `${r.variant}:${r.causal}`)).toEqual(expected);
    expect(report.backend).toBe('cpu');
    expect(report.reference).toBe('cpu');
  });

  it('passes every row with a zero difference and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const report = await crossCheck(small);
    for (const row of report.rows) {
      if (row.variant === 'fused') {
        // A WGSL kernel: with cpu as the active backend it is refused, saying why.
        expect(row.status).toBe('skipped');
        expect(row.note).toMatch(/runs only on webgpu; this run uses cpu/);
        continue;
      }
      expect(row.status, `${row.variant} ${row.note}`).toBe('pass');
      expect(row.ok).toBe(true);
      expect(row.maxAbsDiff).toBe(0);
      expect(row.relDiff).toBe(0);
      expect(row.tolerance).toBe(row.exact ? TOLERANCE.exact : TOLERANCE.approximate);
    }
    expect(report.tensorsAfter).toBe(report.tensorsBefore);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses the small-n parameters, one entry per registered variant', async () => {
    expect(Object.keys(SMALL_N_PARAMS).sort()).toEqual(VARIANTS.map((v) => v.id).sort());
    const report = await crossCheck({ ...small, causal: false });
    const flash = report.rows.find((r) => r.variant === 'flash');
    expect(flash?.params).toEqual({ block: 16 });
    const lsh = report.rows.find((r) => r.variant === 'lsh');
    expect(lsh?.params).toMatchObject({ buckets: 4, chunk: 8 });
    expect(report.rows.every((r) => !r.causal)).toBe(true);
  });

  it('skips a shape a spec refuses, giving the reason', async () => {
    const report = await crossCheck({ ...small, n: 60, causal: false });
    const nystrom = report.rows.find((r) => r.variant === 'nystrom');
    expect(nystrom?.status).toBe('skipped');
    expect(nystrom?.ok).toBe(false);
    expect(nystrom?.note).toMatch(/divide n = 60/);
    expect(report.tensorsAfter).toBe(report.tensorsBefore);
  });

  it('reports progress up to the total and stops when aborted', async () => {
    const seen: CrossCheckProgress[] = [];
    await crossCheck({ ...small, causal: false }, { onProgress: (p) => seen.push(p) });
    const last = seen.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(last?.total).toBe(2 * VARIANTS.length);

    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = crossCheck(small, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) controller.abort(new Error('cancelled by test'));
      },
    });
    await expect(run).rejects.toThrow('cancelled by test');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
