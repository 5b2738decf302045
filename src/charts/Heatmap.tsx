import {
  type KeyboardEvent,
  type PointerEvent,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { HeatmapLegend } from './HeatmapLegend';
import {
  cellAt,
  heatmapLayout,
  moveCell,
  TOOLTIP_CHAR_W,
  TOOLTIP_LINE_H,
  tooltipPosition,
} from './heatmapLayout';
import {
  colorMap,
  formatCellValue,
  type HeatmapScale,
  heatmapDomain,
  heatmapPixels,
  type MaskFn,
} from './heatmapScale';
import { useWidth } from './useSize';
import './heatmap.css';
import { guarded } from './ErrorBoundary';

/**
 * A matrix as a heatmap: a canvas with one pixel per cell, scaled by CSS with
 * `image-rendering: pixelated`, inside an SVG that draws the hatch of masked cells beneath it
 * and the token labels, cursor, tooltip and colour legend on top. Hover (or arrow keys on the
 * focused full view) shows the row, the column and the exact value.
 */

export interface HeatmapCell {
  row: number;
  col: number;
}

export interface HeatmapProps {
  title: string;
  rows: number;
  cols: number;
  /** Row-major, rows × cols. */
  values: ArrayLike<number>;
  rowLabels?: string[];
  colLabels?: string[];
  scale: HeatmapScale;
  /** Colour domain; default from the values (diverging: symmetric about 0). */
  domain?: [number, number];
  /** Cells drawn hatched as masked (not as zeros), e.g. the causal mask. */
  masked?: MaskFn;
  /** Small multiple: no axes text, no legend, no readout line. */
  compact?: boolean;
  formatValue?: (v: number) => string;
  ariaLabel?: string;
  /** Axis and value names for the tooltip and legend. */
  rowTitle?: string;
  colTitle?: string;
  valueLabel?: string;
  /** What a masked cell means, for the tooltip ("masked: a query cannot see later keys"). */
  maskedLabel?: string;
  /** Largest cell in px (full view). */
  maxCell?: number;
  /** Legend tick values and their labels (default: round numbers in d3's short format). */
  legendTicks?: readonly number[];
  legendFormat?: (v: number) => string;
  /** Only the legendTicks values occur: draw them as separate swatches, not a gradient. */
  legendDiscrete?: boolean;
  /** The readout line under the map (full view); off when a parent reads out linked maps. */
  readout?: boolean;
  /** Controlled cursor (linked views); leave undefined for the built-in hover state. */
  cursor?: HeatmapCell | null;
  onCursor?: (cell: HeatmapCell | null) => void;
}

const labelOf = (labels: string[] | undefined, i: number) => labels?.[i] ?? String(i);
const longest = (labels: string[] | undefined) =>
  labels ? Math.max(1, ...labels.map((l) => l.length)) : 0;

/** The readout text of a cell: row, column and the exact value (or why it is masked). */
export function cellText(props: HeatmapProps, c: HeatmapCell): string[] {
  const format = props.formatValue ?? formatCellValue;
  const value = props.masked?.(c.row, c.col)
    ? (props.maskedLabel ?? 'masked')
    : `${props.valueLabel ?? 'value'} ${format(props.values[c.row * props.cols + c.col])}`;
  return [
    `${props.rowTitle ?? 'row'} ${labelOf(props.rowLabels, c.row)} (${c.row})`,
    `${props.colTitle ?? 'column'} ${labelOf(props.colLabels, c.col)} (${c.col})`,
    value,
  ];
}

function HeatmapBody(props: HeatmapProps) {
  const { rows, cols, values, scale, masked, compact = false } = props;
  const box = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(box, compact ? 96 : 480);
  const ids = useId();
  const [ownCursor, setOwnCursor] = useState<HeatmapCell | null>(null);
  const cursor = props.cursor !== undefined ? props.cursor : ownCursor;
  const setCursor = (c: HeatmapCell | null) => {
    if (props.cursor === undefined) setOwnCursor(c);
    props.onCursor?.(c);
  };

  const domain = useMemo(
    () => heatmapDomain(scale, rows, cols, values, masked, props.domain),
    [scale, rows, cols, values, masked, props.domain],
  );
  const layout = heatmapLayout({
    width,
    rows,
    cols,
    compact,
    rowLabelChars: longest(props.rowLabels),
    colLabelChars: longest(props.colLabels),
    maxCell: props.maxCell,
  });
  const hasMask = useMemo(() => {
    if (!masked) return false;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (masked(r, c)) return true;
    return false;
  }, [masked, rows, cols]);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || rows < 1 || cols < 1) return;
    const pixels = heatmapPixels(rows, cols, values, colorMap(scale, domain), masked);
    ctx.putImageData(new ImageData(pixels, cols, rows), 0, 0);
  }, [values, rows, cols, scale, domain, masked]);

  const rowTitle = props.rowTitle ?? 'row';
  const colTitle = props.colTitle ?? 'column';
  const valueLabel = props.valueLabel ?? 'value';
  const lines = (c: HeatmapCell) => cellText(props, c);

  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left - layout.left;
    const y = e.clientY - r.top - layout.top;
    setCursor(cellAt(x, y, layout, rows, cols));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key === 'Escape') return setCursor(null);
    const next = moveCell(e.key, cursor, rows, cols);
    if (!next) return;
    e.preventDefault();
    setCursor(next);
  };

  const tip = cursor && !compact ? lines(cursor) : null;
  const tipBox = tip
    ? { w: Math.max(...tip.map((t) => t.length)) * TOOLTIP_CHAR_W + 12, h: 3 * TOOLTIP_LINE_H + 8 }
    : null;
  const tipAt = cursor && tipBox ? tooltipPosition(cursor.row, cursor.col, layout, tipBox) : null;
  const { left, top, plotW, plotH, cell } = layout;
  const hatch = `${ids}-hatch`;
  // Column labels sit above the plot; rotated (reading upwards) when wider than a cell.
  const colLabelAt = (c: number) =>
    layout.colRotated
      ? { transform: `translate(${left + (c + 0.5) * cell},${top - 6}) rotate(-90)`, dy: '0.32em' }
      : { x: left + (c + 0.5) * cell, y: top - 6, textAnchor: 'middle' as const };
  const label = props.ariaLabel ?? `${props.title}: ${rows} by ${cols} heatmap`;

  return (
    <figure className={compact ? 'heatmap compact' : 'heatmap chart'} ref={box}>
      {compact ? null : <figcaption className="chart-title">{props.title}</figcaption>}
      <svg
        className="heatmap-svg chart-svg"
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={label}
        tabIndex={compact ? undefined : 0}
        onPointerMove={onPointer}
        onPointerLeave={() => setCursor(null)}
        onKeyDown={compact ? undefined : onKey}
        onBlur={compact ? undefined : () => setCursor(null)}
      >
        <defs>
          <pattern id={hatch} width={5} height={5} patternUnits="userSpaceOnUse">
            <rect width={5} height={5} className="heatmap-mask-bg" />
            <path d="M-1,1 l2,-2 M0,5 l5,-5 M4,6 l2,-2" className="heatmap-mask-line" />
          </pattern>
        </defs>
        {hasMask ? (
          <rect x={left} y={top} width={plotW} height={plotH} fill={`url(#${hatch})`} />
        ) : null}
        <foreignObject x={left} y={top} width={plotW} height={plotH}>
          <canvas ref={canvas} className="heatmap-canvas" width={cols} height={rows} />
        </foreignObject>
        <rect x={left} y={top} width={plotW} height={plotH} className="heatmap-frame" />
        {compact ? null : (
          <g className="chart-axis heatmap-labels">
            {props.colLabels ? (
              <text x={left + plotW / 2} y={11} textAnchor="middle" className="chart-axis-label">
                {colTitle} →
              </text>
            ) : null}
            {props.colLabels?.map((t, c) =>
              c % layout.colStride === 0 ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: labels repeat; the index is the identity
                <text key={c} {...colLabelAt(c)}>
                  {t}
                </text>
              ) : null,
            )}
            {props.rowLabels ? (
              <text
                transform={`translate(11,${top + plotH / 2}) rotate(-90)`}
                textAnchor="middle"
                className="chart-axis-label"
              >
                ← {rowTitle}
              </text>
            ) : null}
            {props.rowLabels?.map((t, r) =>
              r % layout.rowStride === 0 ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: labels repeat; the index is the identity
                <text key={r} x={left - 5} y={top + (r + 0.5) * cell} dy="0.32em" textAnchor="end">
                  {t}
                </text>
              ) : null,
            )}
          </g>
        )}
        {cursor ? (
          <rect
            className="heatmap-cursor"
            x={left + cursor.col * cell}
            y={top + cursor.row * cell}
            width={cell}
            height={cell}
          />
        ) : null}
        {compact ? null : (
          <HeatmapLegend
            id={`${ids}-legend`}
            scale={scale}
            domain={domain}
            x={left}
            y={layout.legendTop}
            width={Math.min(layout.width - left - 8, 280)}
            label={valueLabel}
            format={props.legendFormat}
            ticks={props.legendTicks}
            discrete={props.legendDiscrete}
            maskFill={hasMask ? `url(#${hatch})` : null}
            maskLabel={props.maskedLabel ?? 'masked'}
          />
        )}
        {tip && tipAt && tipBox ? (
          <g className="heatmap-tooltip" transform={`translate(${tipAt.x},${tipAt.y})`}>
            <rect width={tipBox.w} height={tipBox.h} rx={4} />
            {tip.map((t, i) => (
              <text key={t} x={6} y={4 + (i + 0.5) * TOOLTIP_LINE_H} dy="0.35em">
                {t}
              </text>
            ))}
          </g>
        ) : null}
      </svg>
      {compact || props.readout === false ? null : (
        <p className="chart-readout" aria-live="polite">
          {cursor
            ? lines(cursor).join(', ')
            : 'Hover a cell (or focus the map and use the arrow keys) for its exact value.'}
        </p>
      )}
    </figure>
  );
}

/** The chart inside its own error boundary: a failure here leaves the rest of the page working. */
export const Heatmap = guarded(HeatmapBody);
