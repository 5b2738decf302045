import { beforeAll, describe, expect, it } from 'vitest';
import { headView } from '../../core/headBlock';
import { keepAll, referenceAttention } from '../../core/reference/dense';
import { fromTensor, toTensor } from '../tensors';
import { inputs, liveTensors, useCpu } from '../testing/cpuHarness';
import { routedAttention, routedCount, routedVariant, routerWeights } from './mixtureOfDepths';

beforeAll(useCpu);

describe('Mixture-of-Depths routed attention', () => {
  it('routes the top C tokens, which attend among themselves; the others get 0', async () => {
    const x = inputs({ n: 40, d: 8, heads: 2 });
    const before = liveTensors();
    const [q, k, v] = [toTensor(x.q), toTensor(x.k), toTensor(x.v)];
    const out = routedAttention(q, k, v, 0.25, 3);
    const block = await fromTensor(out);
    for (const t of [q, k, v, out]) t.dispose();
    expect(liveTensors()).toBe(before);
    const c = routedCount(40, 0.25);
    for (let h = 0; h < 2; h++) {
      const rows = headView(block, h);
      const routed = [...Array(40).keys()].filter((i) =>
        rows.subarray(i * 8, i * 8 + 8).some((val) => val !== 0),
      );
      expect(routed).toHaveLength(c);
      // Dense attention restricted to the routed tokens, scaled by each token's router score.
      const sub = (b: typeof x.q) => {
        const view = headView(b, h);
        const data = new Float32Array(c * b.width);
        for (const [r, i] of routed.entries()) {
          data.set(view.subarray(i * b.width, (i + 1) * b.width), r * b.width);
        }
        return { heads: 1, n: c, width: b.width, data };
      };
      const ref = referenceAttention({ q: sub(x.q), k: sub(x.k), v: sub(x.v) }, keepAll);
      // Each routed row is its router score rᵢ = wᵀqᵢ times the reference row; and the routed
      // tokens are exactly the c highest scores.
      const w = routerWeights(8, 3);
      const q = headView(x.q, h);
      const score = (i: number) => w.reduce((s, wt, t) => s + wt * q[i * 8 + t], 0);
      const threshold = Math.min(...routed.map(score));
      const others = [...Array(40).keys()].filter((i) => !routed.includes(i));
      expect(Math.max(...others.map(score))).toBeLessThanOrEqual(threshold);
      routed.forEach((i, r) => {
        for (let t = 0; t < 8; t++) {
          expect(rows[i * 8 + t]).toBeCloseTo(score(i) * ref.data[r * 8 + t], 4);
        }
      });
    }
  });

  it('costs (C/n)² of dense in FLOPs, to leading order', () => {
    const v = routedVariant(0.125);
    const shape = { heads: 1, n: 4096, d: 64, dv: 64, causal: false };
    const ratio = v.cost(shape, {}).flops / routedVariant(1).cost(shape, {}).flops;
    expect(ratio).toBeCloseTo(0.125 ** 2, 4);
  });
});
