import { type ReactNode, useRef, useState } from 'react';
import { ChartExportButtons } from './ChartExportButtons';
import { useWidth } from './useSize';
import './bars.css';
import { guarded } from './ErrorBoundary';
import { type WaterfallPart, type WaterfallRow, waterfallMarks } from './waterfallMarks';

/**
 * Parts that add up to a whole, one row each: a bar from the running total before the part to
 * the running total after it (negative parts point back), then the sum from 0, printed.
 */

const LABEL_W = 64;
const VALUE_W = 56;
const ROW_H = 18;
const TOP = 4;
const AXIS_H = 22;

function WaterfallChartBody(props: {
  title: string;
  parts: WaterfallPart[];
  format: (v: number) => string;
  footer?: ReactNode;
}) {
  const box = useRef<HTMLElement>(null);
  const width = useWidth(box, 360);
  const innerW = Math.max(60, width - LABEL_W - VALUE_W);
  const m = waterfallMarks(props.parts, innerW);
  const [hover, setHover] = useState<WaterfallRow | null>(null);
  const height = TOP + m.rows.length * ROW_H + AXIS_H;
  const text = (r: WaterfallRow) =>
    r.sign === 'sum'
      ? `sum of the shares: ${props.format(r.value)}`
      : `${r.label}: ${props.format(r.value)} (running total ${props.format(r.end)})`;
  return (
    <figure className="chart" ref={box}>
      <figcaption className="chart-title">{props.title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={props.title} className="chart-svg">
        <g transform={`translate(${LABEL_W},${TOP})`}>
          {m.ticks.map((t) => (
            <line
              key={t.value}
              className="chart-grid"
              x1={t.x}
              x2={t.x}
              y2={m.rows.length * ROW_H}
            />
          ))}
          <line className="waterfall-zero" x1={m.zeroX} x2={m.zeroX} y2={m.rows.length * ROW_H} />
          {m.rows.map((r, i) => (
            <g
              key={r.label}
              transform={`translate(0,${i * ROW_H})`}
              onPointerEnter={() => setHover(r)}
              onPointerLeave={() => setHover(null)}
            >
              <text x={-6} y={ROW_H / 2} dy="0.32em" textAnchor="end" className="waterfall-label">
                {r.label}
              </text>
              <rect
                x={r.x0}
                y={3}
                width={Math.max(1, r.x1 - r.x0)}
                height={ROW_H - 6}
                className={`waterfall-bar ${r.sign}`}
              >
                <title>{text(r)}</title>
              </rect>
              <text x={innerW + 6} y={ROW_H / 2} dy="0.32em" className="waterfall-value">
                {props.format(r.value)}
              </text>
            </g>
          ))}
          <g className="chart-axis" transform={`translate(0,${m.rows.length * ROW_H})`}>
            <line x2={innerW} />
            {m.ticks.map((t) => (
              <text key={t.value} x={t.x} y={15} textAnchor="middle">
                {t.value}
              </text>
            ))}
          </g>
        </g>
      </svg>
      <p className="chart-readout" aria-live="polite">
        {hover ? text(hover) : `Parts sum to ${props.format(m.total)}. Hover a bar for its value.`}
      </p>
      {props.footer}
      <ChartExportButtons figure={box} title={props.title} legend={[]} />
    </figure>
  );
}

/** The chart inside its own error boundary: a failure here leaves the rest of the page working. */
export const WaterfallChart = guarded(WaterfallChartBody);
