import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSpaced } from './chartSeries';

describe('logSpaced (the n a theory curve is drawn at)', () => {
  it('leaves a short list alone', () => {
    const ns = [64, 128, 256];
    expect(logSpaced(ns)).toBe(ns);
  });

  it('thins 8125 consecutive n to at most 129, first and last kept, evenly in log n', () => {
    const ns = Array.from({ length: 8125 }, (_, i) => 16 + i);
    const out = logSpaced(ns);
    expect(out.length).toBeLessThanOrEqual(129);
    expect(out[0]).toBe(16);
    expect(out.at(-1)).toBe(8140);
    // No gap in log n wider than two slots of the 128 (the last point may add one slot).
    const slot = Math.log(8140 / 16) / 127;
    for (let i = 1; i < out.length; i++) {
      expect(Math.log(out[i] / out[i - 1])).toBeLessThanOrEqual(2 * slot + 1e-12);
    }
  });

  it('returns a sorted subset of its input, never more than most + 1', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 20 }), { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 2, max: 200 }),
        (raw, most) => {
          const ns = [...raw].sort((a, b) => a - b);
          const out = logSpaced(ns, most);
          expect(out.length).toBeLessThanOrEqual(
            Math.max(ns.length <= most ? ns.length : most + 1),
          );
          for (const n of out) expect(ns).toContain(n);
          for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
          expect(out.at(-1)).toBe(ns.at(-1));
        },
      ),
    );
  });
});
