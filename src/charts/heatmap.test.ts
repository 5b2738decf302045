import { describe, expect, it } from 'vitest';
import { cellAt, heatmapLayout, moveCell, strideFor, tooltipPosition } from './heatmapLayout';
import { legendStops, legendTicks } from './heatmapLegend';
import {
  causalMask,
  colorMap,
  formatCellValue,
  heatmapDomain,
  heatmapPixels,
  unitOf,
} from './heatmapScale';

describe('heatmap domain', () => {
  const v = [0.1, 0.5, -0.2, 0.9];
  it('sequential spans [min(0, lo), hi]; diverging is symmetric about 0', () => {
    expect(heatmapDomain('sequential', 2, 2, v)).toEqual([-0.2, 0.9]);
    expect(heatmapDomain('sequential', 2, 2, [0.2, 0.4, 0.3, 0.5])).toEqual([0, 0.5]);
    expect(heatmapDomain('diverging', 2, 2, v)).toEqual([-0.9, 0.9]);
  });
  it('a given domain wins; masked and non-finite cells are left out', () => {
    expect(heatmapDomain('sequential', 2, 2, v, undefined, [0, 1])).toEqual([0, 1]);
    // causal mask hides (0,1) = 0.5
    expect(heatmapDomain('sequential', 2, 2, [0.1, 5, 0.3, 0.4], causalMask)).toEqual([0, 0.4]);
    expect(heatmapDomain('diverging', 1, 2, [Number.NaN, -2])).toEqual([-2, 2]);
  });
  it('degenerate inputs still give a non-empty range', () => {
    expect(heatmapDomain('sequential', 1, 1, [0])).toEqual([0, 1]);
    expect(heatmapDomain('diverging', 1, 1, [0])).toEqual([-1, 1]);
    expect(heatmapDomain('sequential', 0, 0, [])).toEqual([0, 1]);
    expect(heatmapDomain('sequential', 1, 1, [1], undefined, [2, 2])).toEqual([0, 1]);
  });
});

describe('heatmap colours and pixels', () => {
  it('maps the domain ends to the ends of the ramp, clamped outside', () => {
    expect(unitOf(5, [0, 10])).toBe(0.5);
    expect(unitOf(-1, [0, 10])).toBe(0);
    expect(unitOf(11, [0, 10])).toBe(1);
    const seq = colorMap('sequential', [0, 1]);
    const [lowR] = seq(0);
    const [highR] = seq(1);
    expect(lowR).toBeGreaterThan(200); // near white
    expect(highR).toBeLessThan(40); // dark blue
    expect(seq(2)).toEqual(seq(1));
  });
  it('diverging: white at 0, blue below, red above', () => {
    const div = colorMap('diverging', [-1, 1]);
    const [r0, g0, b0] = div(0);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(235);
    const [rn, , bn] = div(-1);
    const [rp, , bp] = div(1);
    expect(bn).toBeGreaterThan(rn);
    expect(rp).toBeGreaterThan(bp);
  });
  it('masked and non-finite cells are transparent; others opaque', () => {
    const px = heatmapPixels(
      2,
      2,
      [0, 1, Number.NaN, 0.5],
      colorMap('sequential', [0, 1]),
      causalMask,
    );
    const alpha = [3, 7, 11, 15].map((i) => px[i]);
    expect(alpha).toEqual([255, 0, 0, 255]); // (0,1) masked, (1,0) NaN
    expect(px.length).toBe(16);
  });
  it('formats exact values with 4 significant digits', () => {
    expect(formatCellValue(0.812345)).toBe('0.8123');
    expect(formatCellValue(0)).toBe('0');
    expect(formatCellValue(1.5e-7)).toBe('1.500e-7');
    expect(formatCellValue(Number.NaN)).toBe('no value');
  });
});

describe('heatmap legend', () => {
  it('stops run from 0 to 1', () => {
    const stops = legendStops('sequential', 5);
    expect(stops.map((s) => s.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('ticks lie on the bar; a diverging legend always shows 0 at the middle', () => {
    const ticks = legendTicks('diverging', [-0.37, 0.37], 200, String);
    const zero = ticks.find((t) => t.value === 0);
    expect(zero?.x).toBeCloseTo(100);
    for (const t of ticks) expect(t.x).toBeGreaterThanOrEqual(0);
    for (const t of ticks) expect(t.x).toBeLessThanOrEqual(200);
    const seq = legendTicks('sequential', [0, 1], 240, (v) => v.toFixed(1));
    expect(seq[0]).toEqual({ value: 0, x: 0, label: '0.0' });
    expect(seq.at(-1)?.x).toBe(240);
  });
});

describe('heatmap layout', () => {
  it('cells stay square; compact has no margins and no legend', () => {
    const c = heatmapLayout({
      width: 90,
      rows: 9,
      cols: 9,
      compact: true,
      rowLabelChars: 1,
      colLabelChars: 1,
    });
    expect([c.left, c.top, c.plotW, c.plotH, c.height]).toEqual([0, 0, 90, 90, 90]);
    const f = heatmapLayout({
      width: 400,
      rows: 4,
      cols: 8,
      compact: false,
      rowLabelChars: 1,
      colLabelChars: 1,
      maxCell: 30,
    });
    expect(f.cell).toBe(30);
    expect(f.plotH).toBe(120);
    expect(f.height).toBeGreaterThan(f.top + f.plotH);
  });
  it('makes room for long labels, rotating column labels wider than a cell', () => {
    const short = heatmapLayout({
      width: 400,
      rows: 9,
      cols: 9,
      compact: false,
      rowLabelChars: 1,
      colLabelChars: 1,
      maxCell: 20,
    });
    expect(short.colRotated).toBe(false);
    const long = heatmapLayout({
      width: 400,
      rows: 9,
      cols: 9,
      compact: false,
      rowLabelChars: 9,
      colLabelChars: 7,
      maxCell: 20,
    });
    expect(long.colRotated).toBe(true);
    expect(long.left).toBeGreaterThan(short.left + 8 * 6);
    expect(long.top).toBeGreaterThan(short.top + 5 * 6);
    const none = heatmapLayout({
      width: 400,
      rows: 9,
      cols: 9,
      compact: false,
      rowLabelChars: 0,
      colLabelChars: 0,
    });
    expect([none.left, none.top]).toEqual([8, 8]);
  });

  it('thins labels that would overlap', () => {
    expect(strideFor(20)).toBe(1);
    expect(strideFor(5)).toBe(3);
    const f = heatmapLayout({
      width: 320,
      rows: 64,
      cols: 64,
      compact: false,
      rowLabelChars: 1,
      colLabelChars: 1,
    });
    expect(f.colStride).toBeGreaterThan(1);
    expect(f.left + f.plotW).toBeLessThanOrEqual(320);
  });
  it('finds the cell under the pointer, null outside', () => {
    const l = { plotW: 100, plotH: 50, cell: 10 };
    expect(cellAt(0, 0, l, 5, 10)).toEqual({ row: 0, col: 0 });
    expect(cellAt(99.9, 49.9, l, 5, 10)).toEqual({ row: 4, col: 9 });
    expect(cellAt(100, 10, l, 5, 10)).toBeNull();
    expect(cellAt(-1, 10, l, 5, 10)).toBeNull();
  });
  it('keeps the tooltip inside the svg, flipping at the edges', () => {
    const f = heatmapLayout({
      width: 300,
      rows: 10,
      cols: 10,
      compact: false,
      rowLabelChars: 1,
      colLabelChars: 1,
    });
    const box = { w: 150, h: 50 };
    for (const [r, c] of [
      [0, 0],
      [9, 9],
      [0, 9],
      [9, 0],
    ]) {
      const p = tooltipPosition(r, c, f, box);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x + box.w).toBeLessThanOrEqual(f.width);
      expect(p.y + box.h).toBeLessThanOrEqual(f.height);
    }
  });
  it('arrow keys move the cursor within the matrix', () => {
    expect(moveCell('ArrowRight', null, 3, 3)).toEqual({ row: 0, col: 0 });
    expect(moveCell('ArrowRight', { row: 1, col: 2 }, 3, 3)).toEqual({ row: 1, col: 2 });
    expect(moveCell('ArrowDown', { row: 1, col: 2 }, 3, 3)).toEqual({ row: 2, col: 2 });
    expect(moveCell('End', { row: 1, col: 0 }, 3, 3)).toEqual({ row: 1, col: 2 });
    expect(moveCell('x', { row: 1, col: 0 }, 3, 3)).toBeNull();
  });
});
