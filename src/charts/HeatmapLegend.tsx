import { legendStops, legendTicks } from './heatmapLegend';
import { type HeatmapScale, interpolatorOf, unitOf } from './heatmapScale';

/**
 * The colour legend drawn inside a heatmap's svg: on the first line the value name and, when
 * some cells are masked, a hatched swatch saying what the hatch means; below, a gradient bar
 * with ticks.
 */
export function HeatmapLegend(props: {
  id: string;
  scale: HeatmapScale;
  domain: [number, number];
  x: number;
  y: number;
  width: number;
  label: string;
  format?: (v: number) => string;
  ticks?: readonly number[];
  maskFill: string | null;
  maskLabel: string;
  /** Cells take only these values (e.g. 0/1): one labelled swatch each instead of a gradient. */
  discrete?: boolean;
}) {
  const barW = Math.max(60, props.width);
  const ticks = legendTicks(props.scale, props.domain, barW, props.format, props.ticks);
  const zeroAt = props.scale === 'diverging' ? unitOf(0, props.domain) * barW : null;
  return (
    <g className="heatmap-legend" transform={`translate(${props.x},${props.y})`}>
      <defs>
        <linearGradient id={props.id}>
          {legendStops(props.scale).map((s) => (
            <stop key={s.offset} offset={s.offset} stopColor={s.color} />
          ))}
        </linearGradient>
      </defs>
      <text x={0} y={8} className="heatmap-legend-label">
        {props.label}
      </text>
      {props.maskFill ? (
        <g transform={`translate(${barW},0)`}>
          <text x={-16} y={8} textAnchor="end" className="heatmap-legend-label">
            {props.maskLabel}
          </text>
          <rect
            x={-12}
            y={-1}
            width={12}
            height={12}
            fill={props.maskFill}
            className="heatmap-swatch"
          />
        </g>
      ) : null}
      {props.discrete ? (
        <DiscreteSwatches {...props} />
      ) : (
        <rect
          y={15}
          width={barW}
          height={10}
          fill={`url(#${props.id})`}
          className="heatmap-swatch"
        />
      )}
      {zeroAt !== null ? (
        <line x1={zeroAt} x2={zeroAt} y1={13} y2={27} className="heatmap-zero" />
      ) : null}
      {(props.discrete ? [] : ticks).map((t) => (
        <g key={t.value} transform={`translate(${t.x},25)`} className="chart-axis">
          <line y2={4} />
          <text y={15} textAnchor={t.x < 4 ? 'start' : t.x > barW - 4 ? 'end' : 'middle'}>
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
}

const SWATCH_STEP = 96;

/** One swatch and label per listed value, coloured as the cells are. */
function DiscreteSwatches(props: {
  scale: HeatmapScale;
  domain: [number, number];
  format?: (v: number) => string;
  ticks?: readonly number[];
}) {
  const color = interpolatorOf(props.scale);
  const values = props.ticks ?? props.domain;
  return (
    <>
      {values.map((v, i) => (
        <g key={v} transform={`translate(${i * SWATCH_STEP},15)`}>
          <rect
            width={12}
            height={12}
            fill={color(unitOf(v, props.domain))}
            className="heatmap-swatch"
          />
          <text x={16} y={10} className="heatmap-legend-label">
            {props.format ? props.format(v) : String(v)}
          </text>
        </g>
      ))}
    </>
  );
}
