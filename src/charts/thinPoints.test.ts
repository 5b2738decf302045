import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thinPoints } from './thinPoints';

const line = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ n: i + 1, y: Math.sin(i) + 2 }));

describe('thinPoints', () => {
  it('leaves short lines alone', () => {
    const pts = line(100);
    expect(thinPoints(pts, (n) => n, 600)).toBe(pts);
  });

  it('cuts 8000 points to a few per pixel, keeping both ends and every extreme', () => {
    const pts = line(8000);
    pts[4321] = { n: 4322, y: 99 }; // a spike
    const x = (n: number) => (n / 8000) * 500;
    const out = thinPoints(pts, x, 500);
    expect(out.length).toBeLessThanOrEqual(4 * 1001);
    expect(out[0]).toBe(pts[0]);
    expect(out[out.length - 1]).toBe(pts[pts.length - 1]);
    expect(out).toContain(pts[4321]);
  });

  it('keeps n order and a subset of the points, with each half-pixel min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 50,
          maxLength: 400,
        }),
        (ys) => {
          const pts = ys.map((y, i) => ({ n: i + 1, y }));
          const x = (n: number) => n / 10;
          const out = thinPoints(pts, x, 10);
          for (let i = 1; i < out.length; i++) expect(out[i].n).toBeGreaterThan(out[i - 1].n);
          for (const p of out) expect(pts).toContain(p);
          const buckets = new Map<number, number[]>();
          for (const p of pts)
            buckets.set(Math.round(x(p.n) * 2), [
              ...(buckets.get(Math.round(x(p.n) * 2)) ?? []),
              p.y,
            ]);
          for (const [k, bys] of buckets) {
            const kept = out.filter((p) => Math.round(x(p.n) * 2) === k).map((p) => p.y);
            expect(kept).toContain(Math.max(...bys));
            expect(kept).toContain(Math.min(...bys));
          }
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
