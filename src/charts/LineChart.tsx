import { line, scaleLinear, scaleLog } from 'd3';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { ChartExportButtons } from './ChartExportButtons';
import type { SeriesPoint } from './data/series';
import { guarded } from './ErrorBoundary';
import { endLabelLayout } from './endLabels';
import { Legend, type LegendItem } from './Legend';
import { isStroked, markerPath } from './markerShapes';
import type { MarkerShape } from './palette';
import { thinPoints } from './thinPoints';
import { autoTicks, type Bounds, boundsOf, mergeBounds, paddedDomain, pow2Ticks } from './ticks';
import { useMeasuredWidth } from './useSize';

/**
 * A log-log (or log-x, linear-y) line chart owned by React: d3 gives the scales, ticks and
 * paths; marks are computed first, then rendered. Hovering a point shows its exact numbers;
 * clicking a legend entry hides or shows that series.
 */
export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  points: SeriesPoint[];
  dashed?: boolean;
  /** Part of another series (a theory curve): hidden with it, no legend entry of its own. */
  partOf?: string;
  /** Points drawn without a line (a second quantity of the same variant). */
  markersOnly?: boolean;
  /** The point marker (default circle): each variant has its own, a cue beside colour. */
  shape?: MarkerShape;
}

export interface HLine {
  y: number;
  label: string;
  /** Shade the region above the line (what cannot run). */
  shadeAbove?: boolean;
  /** Where the label sits along the line (default right). */
  labelSide?: 'left' | 'right';
}

/** A vertical reference line (a threshold on the x axis), labelled at the top. */
export interface VLine {
  x: number;
  label: string;
  /** Which side of the line the label sits on (default: towards the middle of the chart). */
  labelSide?: 'left' | 'right';
}

export interface Marker {
  x: number;
  y: number;
  label: string;
  color: string;
}

export interface LineChartProps {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string) => void;
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  logY?: boolean;
  hLines?: HLine[];
  vLines?: VLine[];
  markers?: Marker[];
  /** Extra legend text per series id (a fitted exponent…). */
  legendNote?: (id: string) => string | undefined;
  footer?: ReactNode;
  height?: number;
  /** x ticks at powers of two (sequence lengths) or d3's decades (times). */
  xTicks?: 'pow2' | 'auto';
  /** y ticks at decades (default) or powers of two (bytes: 1 MiB, 32 MiB… rather than 954 MiB). */
  yTicks?: 'decades' | 'pow2';
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 76 };
/** Above this many points a series is drawn as a line only (a 65 000-row file stays fast). */
export const MAX_MARKERS = 400;
/** Narrower than this, lines carry no end labels (the legend names them). */
const END_LABEL_MIN_WIDTH = 420;
const LABEL_CHAR_PX = 6.6;
/** A line's end label: its legend label without the parenthesis ("Performer (FAVOR+)"). */
const endText = (label: string) => label.replace(/\s*\(.*\)$/, '');

/**
 * A series' x and y bounds (y with its whiskers), computed once per points array: hiding a
 * series or resizing the chart merges these instead of walking 65 000 points again.
 */
const boundsCache = new WeakMap<readonly SeriesPoint[], { log: boolean; x: Bounds; y: Bounds }[]>();
function seriesBounds(points: readonly SeriesPoint[], logY: boolean): { x: Bounds; y: Bounds } {
  const cached = boundsCache.get(points)?.find((b) => b.log === logY);
  if (cached) return cached;
  const ys: number[] = [];
  for (const p of points) {
    ys.push(p.y);
    if (p.lo !== undefined) ys.push(p.lo);
    if (p.hi !== undefined) ys.push(p.hi);
  }
  const b = {
    log: logY,
    x: boundsOf(
      points.map((p) => p.n),
      true,
    ),
    y: boundsOf(ys, logY),
  };
  boundsCache.set(points, [...(boundsCache.get(points) ?? []), b]);
  return b;
}

function LineChartBody(props: LineChartProps) {
  const { series, hidden, logY = true } = props;
  const box = useRef<HTMLDivElement>(null);
  const { width, measured } = useMeasuredWidth(box);
  const height = props.height ?? 300;
  const [hover, setHover] = useState<{ s: ChartSeries; p: SeriesPoint } | null>(null);

  const marks = useMemo(() => {
    const visible = series.filter((s) => !hidden.has(s.partOf ?? s.id));
    const labelled =
      width >= END_LABEL_MIN_WIDTH
        ? visible.filter((s) => !s.partOf && !s.markersOnly && s.points.length > 0)
        : [];
    const labelW = labelled.reduce(
      (w, s) => Math.max(w, endText(s.label).length * LABEL_CHAR_PX),
      0,
    );
    const right = labelled.length > 0 ? Math.min(120, labelW + 12) : MARGIN.right;
    let xb = boundsOf(
      (props.vLines ?? []).map((v) => v.x),
      true,
    );
    let yb = boundsOf(
      (props.hLines ?? []).map((h) => h.y),
      logY,
    );
    for (const s of visible) {
      const b = seriesBounds(s.points, logY);
      xb = mergeBounds(xb, b.x);
      yb = mergeBounds(yb, b.y);
    }
    const innerW = Math.max(120, width - MARGIN.left - right);
    const innerH = height - MARGIN.top - MARGIN.bottom;
    const x = scaleLog().domain(paddedDomain(xb, true)).range([0, innerW]);
    const y = (logY ? scaleLog() : scaleLinear())
      .domain(paddedDomain(yb, logY))
      .range([innerH, 0])
      .clamp(true);
    const toPath = line<SeriesPoint>()
      .x((p) => x(p.n))
      .y((p) => y(p.y));
    // Computed here, not while rendering: hovering a point must not rebuild 65 000-point paths.
    // Before the width is measured (a render that never paints) the paths are left out.
    const paths = new Map(
      visible
        .filter((s) => measured && !s.markersOnly)
        .map((s) => [s.id, toPath(thinPoints(s.points, x, innerW) as SeriesPoint[]) ?? '']),
    );
    const xTicks =
      props.xTicks === 'auto' ? autoTicks(x.ticks(), innerW) : pow2Ticks(x.domain(), innerW);
    const pow2Y = logY && props.yTicks === 'pow2';
    const yTicks = pow2Y ? pow2Ticks(y.domain(), innerH) : y.ticks(logY ? 5 : 6);
    const yLabels = logY && !pow2Y ? yTicks.filter((t) => Math.log10(t) % 1 === 0) : yTicks;
    const ends = endLabelLayout(
      labelled.map((s) => {
        const last = s.points.reduce((a, p) => (p.n > a.n ? p : a));
        return { id: s.id, label: endText(s.label), color: s.color, x: x(last.n), y: y(last.y) };
      }),
      innerH,
    );
    return {
      visible,
      ends,
      x,
      y,
      paths,
      innerW,
      innerH,
      xTicks,
      yTicks,
      yLabels: yLabels.length >= 2 ? yLabels : yTicks,
    };
  }, [
    series,
    hidden,
    width,
    measured,
    height,
    logY,
    props.hLines,
    props.vLines,
    props.xTicks,
    props.yTicks,
  ]);

  const { x, y, innerW, innerH } = marks;
  const legend: LegendItem[] = series
    .filter((s) => !s.partOf)
    .map((s) => ({
      id: s.id,
      label: s.label,
      color: s.color,
      shape: s.shape,
      note: props.legendNote?.(s.id),
    }));

  return (
    <figure className="chart" ref={box}>
      <figcaption className="chart-title">{props.title}</figcaption>
      <Legend items={legend} hidden={hidden} onToggle={props.onToggle} />
      <svg width={width} height={height} role="img" aria-label={props.title} className="chart-svg">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {(props.hLines ?? []).map((h) => (
            <g key={h.label} className="chart-hline">
              {h.shadeAbove && (
                <rect
                  x={0}
                  y={0}
                  width={innerW}
                  height={Math.max(0, y(h.y))}
                  className="chart-shade"
                />
              )}
              <line x1={0} x2={innerW} y1={y(h.y)} y2={y(h.y)} />
              {h.labelSide === 'left' ? (
                <text x={4} y={y(h.y) - 4} textAnchor="start">
                  {h.label}
                </text>
              ) : (
                <text x={innerW - 4} y={y(h.y) - 4} textAnchor="end">
                  {h.label}
                </text>
              )}
            </g>
          ))}
          {(props.vLines ?? []).map((v) => {
            const left = (v.labelSide ?? (x(v.x) > innerW / 2 ? 'left' : 'right')) === 'left';
            return (
              <g key={v.label} className="chart-hline">
                <line x1={x(v.x)} x2={x(v.x)} y1={0} y2={innerH} />
                <text x={x(v.x) + (left ? -4 : 4)} y={10} textAnchor={left ? 'end' : 'start'}>
                  {v.label}
                </text>
              </g>
            );
          })}
          {marks.yTicks.map((t) => (
            <line key={`gy${t}`} className="chart-grid" x1={0} x2={innerW} y1={y(t)} y2={y(t)} />
          ))}
          {marks.visible.map((s) => (
            <g key={s.id} stroke={s.color} fill={s.color}>
              {!s.markersOnly && (
                <path
                  d={marks.paths.get(s.id) ?? ''}
                  fill="none"
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '5 4' : undefined}
                />
              )}
              {!s.partOf &&
                s.points.length <= MAX_MARKERS &&
                s.points.map((p) => (
                  <g key={p.n}>
                    {p.lo !== undefined && p.hi !== undefined && (
                      <line x1={x(p.n)} x2={x(p.n)} y1={y(p.lo)} y2={y(p.hi)} strokeWidth={1.5} />
                    )}
                    <PointMarker
                      series={s}
                      cx={x(p.n)}
                      cy={y(p.y)}
                      big={hover?.p === p}
                      onEnter={() => setHover({ s, p })}
                      onLeave={() => setHover(null)}
                      title={`${s.label}, ${props.xLabel} ${props.formatX(p.n)}: ${props.formatY(p.y)}`}
                    />
                  </g>
                ))}
            </g>
          ))}
          {marks.ends.map((e) => (
            <text
              key={e.id}
              className="chart-end-label"
              x={e.x + 8}
              y={e.y}
              dy="0.32em"
              fill={e.color}
            >
              {e.label}
            </text>
          ))}
          {(props.markers ?? []).map((m) => (
            <g key={m.label} className="chart-marker" transform={`translate(${x(m.x)},${y(m.y)})`}>
              <path d="M0,-7 L6,5 L-6,5 Z" fill={m.color} />
            </g>
          ))}
          <g className="chart-axis" transform={`translate(0,${innerH})`}>
            <line x1={0} x2={innerW} />
            {marks.xTicks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y2={5} />
                <text y={18} textAnchor="middle">
                  {props.formatX(t)}
                </text>
              </g>
            ))}
            <text className="chart-axis-label" x={innerW / 2} y={38} textAnchor="middle">
              {props.xLabel}
            </text>
          </g>
          <g className="chart-axis">
            <line y1={0} y2={innerH} />
            {marks.yLabels.map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={-5} />
                <text x={-8} dy="0.32em" textAnchor="end">
                  {props.formatY(t)}
                </text>
              </g>
            ))}
            <text
              className="chart-axis-label"
              transform={`translate(${8 - MARGIN.left},${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              {props.yLabel}
            </text>
          </g>
        </g>
      </svg>
      <p className="chart-readout" aria-live="polite">
        {hover
          ? `${hover.s.label} at ${props.xLabel} ${props.formatX(hover.p.n)}: ${props.formatY(hover.p.y)}${
              hover.p.lo !== undefined && hover.p.hi !== undefined
                ? ` (min ${props.formatY(hover.p.lo)}, max ${props.formatY(hover.p.hi)})`
                : ''
            }`
          : 'Hover a point for its exact value.'}
      </p>
      <ChartExportButtons
        figure={box}
        title={props.title}
        legend={legend.filter((l) => !hidden.has(l.id))}
      />
      {props.footer}
    </figure>
  );
}

/** One point's marker: the series' shape, hollow for a markers-only series; hover grows it. */
function PointMarker(props: {
  series: ChartSeries;
  cx: number;
  cy: number;
  big: boolean;
  onEnter: () => void;
  onLeave: () => void;
  title: string;
}) {
  const { series: s } = props;
  const shape = s.shape ?? 'circle';
  const stroked = isStroked(shape);
  return (
    <path
      className="chart-point"
      d={markerPath(shape, props.big ? 110 : 56)}
      transform={`translate(${props.cx},${props.cy})`}
      fill={stroked || s.markersOnly ? 'var(--panel)' : s.color}
      strokeWidth={stroked ? 2.2 : 1.5}
      onPointerEnter={props.onEnter}
      onPointerLeave={props.onLeave}
    >
      <title>{props.title}</title>
    </path>
  );
}

/** The chart inside its own error boundary: a failure here leaves the rest of the page working. */
export const LineChart = guarded(LineChartBody);
