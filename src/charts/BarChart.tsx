import { type ReactNode, useMemo, useRef, useState } from 'react';
import { BAR_MARGIN, type BarMark, type BarSeries, barMarks } from './barMarks';
import { ChartExportButtons } from './ChartExportButtons';
import { Legend } from './Legend';
import { useWidth } from './useSize';
import './bars.css';
import { guarded } from './ErrorBoundary';

/**
 * A grouped bar chart (categories such as layers along x, one bar per series): marks from
 * `barMarks`, hover shows the exact value, legend entries hide and show series.
 */
function BarChartBody(props: {
  title: string;
  yLabel: string;
  categories: string[];
  series: BarSeries[];
  /** Exact values in the readout (ticks use d3's short format). */
  formatY: (v: number) => string;
  height?: number;
  footer?: ReactNode;
}) {
  const box = useRef<HTMLElement>(null);
  const width = useWidth(box, 360);
  const height = props.height ?? 200;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [hover, setHover] = useState<BarMark | null>(null);
  const visible = useMemo(
    () => props.series.filter((s) => !hidden.has(s.id)),
    [props.series, hidden],
  );
  const marks = useMemo(
    () => barMarks(props.categories, visible, width, height),
    [props.categories, visible, width, height],
  );
  const color = new Map(props.series.map((s) => [s.id, s]));
  const toggle = (id: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const legend = props.series.map((s) => ({ id: s.id, label: s.label, color: s.color }));
  const text = (b: BarMark) =>
    `${color.get(b.series)?.label ?? b.series}, ${b.category}: ${props.formatY(b.value)}`;
  return (
    <figure className="chart" ref={box}>
      <figcaption className="chart-title">{props.title}</figcaption>
      {props.series.length > 1 ? <Legend items={legend} hidden={hidden} onToggle={toggle} /> : null}
      <svg width={width} height={height} role="img" aria-label={props.title} className="chart-svg">
        <g transform={`translate(${BAR_MARGIN.left},${BAR_MARGIN.top})`}>
          {marks.yTicks.map((t) => (
            <g key={t.value} transform={`translate(0,${t.y})`} className="chart-axis">
              <line className="chart-grid" x2={marks.innerW} />
              <text x={-6} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          {marks.bars.map((b) => (
            <rect
              key={b.key}
              x={b.x}
              y={b.y}
              width={b.w}
              height={b.h}
              fill={color.get(b.series)?.color}
              className={hover?.key === b.key ? 'bar-mark hover' : 'bar-mark'}
              onPointerEnter={() => setHover(b)}
              onPointerLeave={() => setHover(null)}
            >
              <title>{text(b)}</title>
            </rect>
          ))}
          <g className="chart-axis" transform={`translate(0,${marks.innerH})`}>
            <line x2={marks.innerW} />
            {marks.xLabels.map((l) => (
              <text key={l.label} x={l.x} y={16} textAnchor="middle">
                {l.label}
              </text>
            ))}
          </g>
          <text
            className="chart-axis chart-axis-label"
            transform={`translate(${12 - BAR_MARGIN.left},${marks.innerH / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {props.yLabel}
          </text>
        </g>
      </svg>
      <p className="chart-readout" aria-live="polite">
        {hover ? text(hover) : 'Hover a bar for its exact value.'}
      </p>
      {props.footer}
      <ChartExportButtons
        figure={box}
        title={props.title}
        legend={legend.filter((l) => !hidden.has(l.id))}
      />
    </figure>
  );
}

/** The chart inside its own error boundary: a failure here leaves the rest of the page working. */
export const BarChart = guarded(BarChartBody);
