import { describe, expect, it } from 'vitest';
import { TOY_SHARPNESS, toyAttention } from './toyAttention';

describe('the opening example', () => {
  it('has weights that are the row softmax of the scores, and outputs PV (float64, 1e-12)', () => {
    for (const s of TOY_SHARPNESS) {
      const t = toyAttention(s);
      for (let i = 0; i < t.n; i++) {
        const row = Array.from(t.scores.slice(i * t.n, (i + 1) * t.n));
        const z = row.reduce((a, x) => a + Math.exp(x), 0);
        let sum = 0;
        for (let j = 0; j < t.n; j++) {
          expect(t.weights[i * t.n + j]).toBeCloseTo(Math.exp(row[j]) / z, 12);
          sum += t.weights[i * t.n + j];
        }
        expect(sum).toBeCloseTo(1, 12);
        for (let c = 0; c < t.d; c++) {
          const o = t.v.reduce((a, v, j) => a + t.weights[i * t.n + j] * v[c], 0);
          expect(t.output[i * t.d + c]).toBeCloseTo(o, 12);
        }
      }
    }
  });

  it('concentrates the weights as the queries sharpen', () => {
    const top = (s: number) => Math.max(...toyAttention(s).weights);
    for (let k = 1; k < TOY_SHARPNESS.length; k++)
      expect(top(TOY_SHARPNESS[k])).toBeGreaterThan(top(TOY_SHARPNESS[k - 1]));
  });
});
