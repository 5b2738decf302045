import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSpaced, recordedFlops } from './chartSeries';

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

describe('recordedFlops (the theory curve of a variant without a formula: the own kernel)', () => {
  it('is exact for a power law, between the points and past both ends', () => {
    const points = [64, 128, 512].map((n) => ({ n, flops: n * n * 16 }));
    const at = recordedFlops(points);
    for (const n of [16, 64, 100, 256, 512, 4096]) {
      expect(at(n) / (n * n * 16)).toBeCloseTo(1, 10);
    }
  });

  it('follows each piece of a cost that bends (n² d + 1000 n d)', () => {
    const cost = (n: number) => n * n * 8 + 1000 * n * 8;
    const at = recordedFlops([32, 1024, 32768].map((n) => ({ n, flops: cost(n) })));
    for (const n of [32, 1024, 32768]) expect(at(n) / cost(n)).toBeCloseTo(1, 12);
    // In between, a power law through the neighbours: the bend is not lost, only smoothed.
    expect(Math.abs(at(4096) / cost(4096) - 1)).toBeLessThan(0.5);
  });

  it('one point: the same FLOPs everywhere (a flat curve, nothing made up)', () => {
    expect(recordedFlops([{ n: 64, flops: 5 }])(1024)).toBe(5);
  });
});
