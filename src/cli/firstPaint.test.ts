import { describe, expect, it } from 'vitest';
import {
  FIRST_PAINT_BUDGET_MS,
  firstPaintCheck,
  firstPaintFrom,
  firstPaintLine,
} from './firstPaint';

const entries = (marks: number[]) => ({
  paints: [
    { name: 'first-paint', startTime: 180.4 },
    { name: 'first-contentful-paint', startTime: 212.6 },
  ],
  marks,
  domContentLoadedMs: 150,
});

describe('firstPaintFrom', () => {
  it('reads the paint entries and the first charts mark, ms from navigation start', () => {
    expect(firstPaintFrom(entries([640.2, 900]))).toEqual({
      firstPaintMs: 180.4,
      firstContentfulPaintMs: 212.6,
      domContentLoadedMs: 150,
      chartsDrawnMs: 640.2,
    });
    expect(firstPaintFrom({ paints: [], marks: [], domContentLoadedMs: null })).toEqual({
      firstPaintMs: null,
      firstContentfulPaintMs: null,
      domContentLoadedMs: null,
      chartsDrawnMs: null,
    });
  });
});

describe('firstPaintCheck', () => {
  it('holds the charts-drawn time to the 1.5 s budget', () => {
    const pass = firstPaintCheck(firstPaintFrom(entries([640.2])));
    expect(pass).toMatchObject({ status: 'pass', measured: 640.2, bound: '≤ 1500 ms' });
    expect(pass.details).toMatchObject({ firstContentfulPaintMs: 212.6, chartsDrawnMs: 640.2 });
    const late = firstPaintCheck(firstPaintFrom(entries([FIRST_PAINT_BUDGET_MS + 0.1])));
    expect(late.status).toBe('fail');
  });

  it('fails, saying why, when the charts never drew', () => {
    const none = firstPaintCheck(firstPaintFrom(entries([])));
    expect(none).toMatchObject({ status: 'fail', measured: null });
    expect(none.note).toMatch(/never set the "precomputed-charts-drawn" mark/);
  });

  it('says it in one line', () => {
    expect(firstPaintLine(firstPaintFrom(entries([640.2])))).toBe(
      'first paint: first-contentful-paint 213 ms, pre-computed charts drawn 640 ms after navigation (budget 1500 ms)',
    );
  });
});
