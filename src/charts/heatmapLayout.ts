/**
 * Geometry of a heatmap: margins for the token labels, the plot square (cells stay square),
 * which labels fit, the cell under the pointer, and where the tooltip goes so that it stays
 * inside the chart (no page overflow at 375 px).
 */

export interface HeatmapLayout {
  /** Plot origin inside the svg. */
  left: number;
  top: number;
  plotW: number;
  plotH: number;
  /** Pixels per cell (square). */
  cell: number;
  /** Whole svg size, legend included. */
  width: number;
  height: number;
  /** Show every k-th label so that labels do not overlap. */
  rowStride: number;
  colStride: number;
  /** Top of the legend band (full view only). */
  legendTop: number;
  /** Column labels too wide for their cell are drawn rotated (reading upwards). */
  colRotated: boolean;
}

export interface LayoutInput {
  width: number;
  rows: number;
  cols: number;
  compact: boolean;
  /** Longest row / column label in characters (0: no labels). */
  rowLabelChars: number;
  colLabelChars: number;
  /** Largest cell size in px for the full view (small matrices should not become huge). */
  maxCell?: number;
}

/** Axis title band, and the width of one label character at 11 px. */
const TITLE_BAND = 18;
export const LABEL_CHAR_W = 6.6;
const PAD = 8;
export const LEGEND_H = 46;
/** Labels closer than this (px) overlap at 11 px font. */
const MIN_LABEL_PX = 12;

export const strideFor = (cellPx: number, minPx = MIN_LABEL_PX) =>
  Math.max(1, Math.ceil(minPx / Math.max(cellPx, 1e-9)));

export function heatmapLayout(p: LayoutInput): HeatmapLayout {
  const rows = Math.max(1, p.rows);
  const cols = Math.max(1, p.cols);
  if (p.compact) {
    const plotW = Math.max(8, p.width);
    const cell = plotW / cols;
    const plotH = cell * rows;
    return {
      left: 0,
      top: 0,
      plotW,
      plotH,
      cell,
      width: plotW,
      height: plotH,
      rowStride: 1,
      colStride: 1,
      legendTop: plotH,
      colRotated: false,
    };
  }
  const band = (chars: number) => (chars > 0 ? TITLE_BAND + chars * LABEL_CHAR_W + 8 : PAD);
  const left = band(p.rowLabelChars);
  const room = Math.max(40, p.width - left - PAD);
  const fit = Math.min(room / cols, p.maxCell ?? 40);
  const colRotated = p.colLabelChars * LABEL_CHAR_W > fit - 2;
  const top = colRotated ? band(p.colLabelChars) : p.colLabelChars > 0 ? TITLE_BAND + 16 : PAD;
  const cell = fit;
  const plotW = cell * cols;
  const plotH = cell * rows;
  const legendTop = top + plotH + 10;
  return {
    left,
    top,
    plotW,
    plotH,
    cell,
    width: Math.max(p.width, left + plotW + PAD),
    height: legendTop + LEGEND_H,
    rowStride: strideFor(cell),
    colStride: strideFor(cell),
    legendTop,
    colRotated,
  };
}

/** The cell at plot coordinates (px from the plot's top-left), or null outside. */
export function cellAt(
  x: number,
  y: number,
  layout: Pick<HeatmapLayout, 'plotW' | 'plotH' | 'cell'>,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  if (x < 0 || y < 0 || x >= layout.plotW || y >= layout.plotH) return null;
  const row = Math.min(rows - 1, Math.floor(y / layout.cell));
  const col = Math.min(cols - 1, Math.floor(x / layout.cell));
  return { row, col };
}

/** Mono 11 px: width of one character, for sizing the tooltip without measuring text. */
export const TOOLTIP_CHAR_W = 6.7;
export const TOOLTIP_LINE_H = 15;

/**
 * Top-left of a tooltip box next to a cell, in svg coordinates: right of and below the cell
 * when it fits, else flipped to the other side, and clamped into the svg.
 */
export function tooltipPosition(
  row: number,
  col: number,
  layout: HeatmapLayout,
  box: { w: number; h: number },
): { x: number; y: number } {
  const gap = 6;
  const cx = layout.left + col * layout.cell;
  const cy = layout.top + row * layout.cell;
  let x = cx + layout.cell + gap;
  if (x + box.w > layout.width) x = cx - gap - box.w;
  let y = cy + layout.cell + gap;
  if (y + box.h > layout.height) y = cy - gap - box.h;
  x = Math.max(0, Math.min(layout.width - box.w, x));
  y = Math.max(0, Math.min(layout.height - box.h, y));
  return { x, y };
}

/** Keyboard moves of the inspected cell; null when the key is not a move. */
export function moveCell(
  key: string,
  at: { row: number; col: number } | null,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  const from = at ?? { row: 0, col: 0 };
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(from.row - (at ? 1 : 0), rows), col: from.col };
    case 'ArrowDown':
      return { row: clamp(from.row + (at ? 1 : 0), rows), col: from.col };
    case 'ArrowLeft':
      return { row: from.row, col: clamp(from.col - (at ? 1 : 0), cols) };
    case 'ArrowRight':
      return { row: from.row, col: clamp(from.col + (at ? 1 : 0), cols) };
    case 'Home':
      return { row: from.row, col: 0 };
    case 'End':
      return { row: from.row, col: cols - 1 };
    default:
      return null;
  }
}
