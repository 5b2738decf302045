import { describe, expect, it } from 'vitest';
import { modKeep } from './config';
import { referenceForward, referenceTrace } from './reference';
import { randomModel, SMALL_VARIANTS } from './testModels';

/** Identities of REFERENCE.md §4 on the float64 reference, every residual mode. */

const TOKENS = [7, 1, 3, 12, 9, 16, 7, 1, 3, 12, 9];
const rowSums = (m: ArrayLike<number>, t: number) =>
  Array.from({ length: t }, (_, i) => {
    let s = 0;
    for (let j = 0; j < t; j++) s += m[i * t + j];
    return s;
  });

describe('float64 reference identities', () => {
  for (const [name, overrides] of Object.entries(SMALL_VARIANTS)) {
    it(name, () => {
      const w = randomModel(overrides);
      const t = TOKENS.length;
      const trace = referenceTrace(w, TOKENS);
      // Additive shares sum to 1.
      expect(trace.shares.map((s) => s.label)).toEqual([
        'embed',
        'L1 attn',
        'L1 mlp',
        'L2 attn',
        'L2 mlp',
        'L3 attn',
        'L3 mlp',
      ]);
      expect(Math.abs(trace.shares.reduce((a, s) => a + s.value, 0) - 1)).toBeLessThan(1e-5);
      // Rollout rows sum to 1.
      for (const s of rowSums(trace.rollout, t)) expect(s).toBeCloseTo(1, 5);
      for (const layer of trace.layers) {
        for (const [h, m] of layer.attention.entries()) {
          // Causal: nothing above the diagonal.
          for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) expect(m[i * t + j]).toBe(0);
          const sums = rowSums(m, t);
          const depth = layer.depthMass?.[h] ?? 0;
          if (layer.routed) {
            expect(layer.routed.length).toBe(modKeep(0.5, t));
            for (let i = 0; i < t; i++) {
              expect(sums[i]).toBeCloseTo(layer.routed.includes(i) ? 1 : 0, 6);
            }
          } else if (layer.depthMass) {
            // MoDA: the sequence rows leave the depth mass; their mean is 1 − depthMass.
            expect(sums.reduce((a, b) => a + b, 0) / t).toBeCloseTo(1 - depth, 6);
          } else for (const s of sums) expect(s).toBeCloseTo(1, 6);
        }
      }
      if (name === 'attnres') {
        const alpha = trace.alpha;
        expect(alpha?.rows.length).toBe(7);
        expect(alpha?.labels.length).toBe(7);
        alpha?.rows.forEach((row, r) => {
          expect(row.length).toBe(r + 1);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
        });
      } else expect(trace.alpha).toBeNull();
      if (name === 'moda') expect(trace.layers[0].depthMass).toEqual([0, 0]);
      for (const p of trace.predictions) {
        expect(p.top.length).toBe(3);
        expect(p.top[0].p).toBeGreaterThanOrEqual(p.top[1].p);
      }
    });
  }

  it('AttnRes with zero pseudo-queries mixes uniformly', () => {
    const w = randomModel({ residual: 'attnres' });
    w.tensors['attnres.w'].fill(0);
    const rows = referenceTrace(w, TOKENS).alpha?.rows ?? [];
    rows.forEach((row) => {
      for (const a of row) expect(a).toBeCloseTo(1 / row.length, 12);
    });
  });

  it('MoD at capacity 1 routes every token, and its first block sees the PreNorm input', () => {
    const pre = randomModel({});
    const mod = randomModel({ mod: { capacity: 1, layers: [0, 1, 2] } });
    Object.assign(mod.tensors, pre.tensors);
    const a = referenceForward(pre, TOKENS);
    const b = referenceForward(mod, TOKENS);
    expect(b.layers.every((l) => l.routed?.length === TOKENS.length)).toBe(true);
    expect(Array.from(b.layers[0].attention[0])).toEqual(Array.from(a.layers[0].attention[0]));
  });
});
