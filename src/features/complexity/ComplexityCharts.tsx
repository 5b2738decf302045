import { useMemo, useState } from 'react';
import { BYTES_AXIS_Y, ERROR_AXIS_Y, N_AXIS, TIME_AXIS_X, TIME_AXIS_Y } from '../../charts/axes';
import {
  analyticMemorySeries,
  errorSeries,
  fittedExponent,
  type MeasuredPoint,
  memorySeries,
  paretoFrontier,
  type Series,
  timeSeries,
} from '../../charts/data/series';
import { type ChartSeries, LineChart } from '../../charts/LineChart';
import { variantColor, variantShape } from '../../charts/palette';
import { useToggles } from '../../charts/useToggles';
import { LARGE_N_POINTS } from '../../core/fit';
import { max } from '../../core/stats';
import { formatBytes, formatN } from '../../shared/numberFormat';
import { useStagedCount } from '../../shared/useStagedCount';
import {
  comparisonSeries,
  crossoverMarkers,
  variantLabel as label,
  largeNNote,
  theorySeries,
  withColors,
} from './chartSeries';

/** The sweep's shape, needed to draw theory curves from the variants' cost formulas. */
export interface SweepShape {
  d: number;
  dv: number;
  heads: number;
  causal: boolean;
}

export interface ComplexityChartsProps {
  rows: readonly (MeasuredPoint & { params: Record<string, number> })[];
  shape: SweepShape;
  /** The device's largest storage binding in bytes, drawn on the memory chart. */
  maxBinding: number | null;
  /** n of the error-vs-time frontier (defaults to the largest n every variant ran at). */
  frontierN?: number;
  /** Hidden series ids, when the caller keeps them (else the charts keep their own). */
  hidden?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
  /** A second run's points, overlaid dashed as "<variant> (B)". */
  compare?: readonly MeasuredPoint[];
  /** Draw this chart alone (an embed, a story step); all four when absent. */
  only?: ChartPanel;
  /** Height of each plot in px (LineChart's default when absent). */
  height?: number;
  /** The run measured dense against float64 (the user's own inputs) rather than using it as the reference. */
  denseAgainstFloat64?: boolean;
}

export type ChartPanel = 'time' | 'memory' | 'error' | 'frontier';

/** Above this many rows the charts mount one by one (useStagedCount). */
const STAGED_ROWS = 5000;

export function ComplexityCharts(props: ComplexityChartsProps) {
  const { rows, shape } = props;
  const own = useToggles();
  const toggles =
    props.hidden && props.onToggle ? { hidden: props.hidden, toggle: props.onToggle } : own;
  const [showTheory, setShowTheory] = useState(true);
  // A large file draws its charts one task each (a long task blocks the page); the key changes
  // with the data, not with every render.
  const dataKey = `${rows.length}:${rows[0]?.variant}@${rows[0]?.n}:${rows.at(-1)?.n}`;
  const shown = useStagedCount(4, rows.length > STAGED_ROWS, dataKey);
  // Every series is derived once per data (rows, compare, shape), not on every render: a staged
  // mount renders four times, and a 65 000-row file makes each derivation tens of ms. A panel not
  // drawn yet (staged) or not drawn at all (`only`) derives nothing.
  const wants = (panel: ChartPanel, order: number) =>
    props.only ? props.only === panel : shown > order;
  const wantTime = wants('time', 0);
  const wantMemory = wants('memory', 1);
  const wantError = wants('error', 2);
  const wantFrontier = wants('frontier', 3);
  const { compare } = props;
  const { d, dv, heads, causal } = shape;
  const times = useMemo(() => (wantTime ? timeSeries(rows) : []), [rows, wantTime]);
  const markers = useMemo(() => crossoverMarkers(times), [times]);
  const notes = useMemo(() => new Map(times.map((s) => [s.variant, largeNNote(s)])), [times]);
  const exponent = (id: string) => notes.get(id);
  const timeChart = useMemo(
    () => [
      ...withColors(times),
      ...(showTheory ? theorySeries(rows, times, { d, dv, heads, causal }) : []),
      ...comparisonSeries(compare, 'time'),
    ],
    [times, rows, showTheory, d, dv, heads, causal, compare],
  );
  const memory = useMemo(
    () =>
      wantMemory
        ? [
            ...withColors(memorySeries(rows)),
            ...withColors(analyticMemorySeries(rows), ':analytic').map((s) => ({
              ...s,
              partOf: s.id.split(':')[0],
              dashed: true,
            })),
            ...comparisonSeries(compare, 'memory'),
          ]
        : [],
    [rows, compare, wantMemory],
  );
  const errors = useMemo(
    () =>
      wantError ? [...withColors(errorSeries(rows)), ...comparisonSeries(compare, 'error')] : [],
    [rows, compare, wantError],
  );
  const frontierN = useMemo(
    () => props.frontierN ?? max([0, ...rows.filter((r) => r.relError != null).map((r) => r.n)]),
    [rows, props.frontierN],
  );
  const scatter = useMemo(
    () => (wantFrontier ? frontierSeries(rows, frontierN) : []),
    [rows, frontierN, wantFrontier],
  );

  const timePanel = (
    <LineChart
      {...N_AXIS}
      {...TIME_AXIS_Y}
      title="Time against n (median, min–max whiskers)"
      series={timeChart}
      hidden={toggles.hidden}
      onToggle={toggles.toggle}
      markers={markers}
      legendNote={exponent}
      height={props.height}
      footer={
        <div className="chart-footer">
          <label>
            <input
              type="checkbox"
              checked={showTheory}
              onChange={(e) => setShowTheory(e.target.checked)}
            />{' '}
            theory curves (dashed: analytic FLOPs scaled to the last point)
          </label>
          <WholeRangeFits times={times} />
          {markers.map((m) => (
            <span key={m.label} className="chart-note">
              ▲ {m.label}
            </span>
          ))}
        </div>
      }
    />
  );
  const memoryPanel = (
    <LineChart
      {...N_AXIS}
      {...BYTES_AXIS_Y}
      title="Memory against n"
      series={memory}
      hidden={toggles.hidden}
      onToggle={toggles.toggle}
      hLines={
        props.maxBinding
          ? [
              {
                y: props.maxBinding,
                label: `largest buffer binding ${formatBytes(props.maxBinding)}: above cannot run`,
                shadeAbove: true,
              },
            ]
          : []
      }
      footer={
        <p className="chart-note">
          Solid: measured peak tensor bytes (tfjs accounting, not device memory). Dashed: analytic
          bytes of the variant.
        </p>
      }
    />
  );
  const errorPanel = (
    <LineChart
      {...N_AXIS}
      {...ERROR_AXIS_Y}
      title="Relative error against dense ‖Ô − O‖/‖O‖"
      series={errors}
      hidden={toggles.hidden}
      onToggle={toggles.toggle}
      footer={
        <p className="chart-note">
          {props.denseAgainstFloat64
            ? 'On your inputs dense is measured against the float64 reference too; exact variants sit at float32 rounding.'
            : 'Dense is the reference (error 0, not drawn); exact variants sit at float32 rounding.'}
        </p>
      }
    />
  );
  const frontierPanel = (
    <LineChart
      {...TIME_AXIS_X}
      {...ERROR_AXIS_Y}
      title={`Error against time at n = ${formatN(frontierN)}`}
      series={scatter}
      hidden={toggles.hidden}
      onToggle={toggles.toggle}
      footer={
        <p className="chart-note">
          Dashed: the frontier, where no variant is both faster and more accurate. An error of 0
          (dense, the reference) is drawn at 1e-8.
        </p>
      }
    />
  );
  const panels: Record<ChartPanel, React.JSX.Element> = {
    time: timePanel,
    memory: memoryPanel,
    error: errorPanel,
    frontier: frontierPanel,
  };
  if (props.only) return panels[props.only];

  const all = [timePanel, memoryPanel, errorPanel, frontierPanel];
  return (
    <div className="chart-grid-2">
      {all.slice(0, shown)}
      {shown < all.length ? (
        <p className="muted" role="status">
          Drawing {all.length - shown} more chart{all.length - shown === 1 ? '' : 's'}…
        </p>
      ) : null}
    </div>
  );
}

/**
 * The legend's exponents follow the large-n rule (core/fit's largeNExponent); this note states
 * the rule and gives the whole-range fits beside it, which fixed per-call costs flatten.
 */
function WholeRangeFits({ times }: { times: Series[] }) {
  const fits = useMemo(
    () =>
      times.flatMap((s) => {
        const slope = fittedExponent(s);
        return slope === null ? [] : [{ variant: s.variant, slope }];
      }),
    [times],
  );
  if (fits.length === 0) return null;
  return (
    <span className="chart-note" data-testid="exponent-rule">
      Legend: exponent of a log-log least-squares fit over each variant’s {LARGE_N_POINTS} largest
      n, where fixed per-call costs weigh least. Over the whole range:{' '}
      {fits.map((x) => `${label(x.variant)} ${x.slope.toFixed(2)}`).join(' · ')}
    </span>
  );
}

/** The error-against-time scatter at one n, with the Pareto frontier through it dashed. */
function frontierSeries(rows: ComplexityChartsProps['rows'], frontierN: number): ChartSeries[] {
  const frontierPoints = rows
    .filter(
      (r) =>
        r.n === frontierN &&
        r.msMedian !== undefined &&
        r.relError !== null &&
        r.relError !== undefined,
    )
    .map((r) => ({
      variant: r.variant,
      ms: r.msMedian ?? 0,
      error: Math.max(r.relError ?? 0, 1e-8),
    }));
  const frontier = paretoFrontier(frontierPoints);
  const scatter: ChartSeries[] = frontierPoints.map((p) => ({
    id: p.variant,
    label: label(p.variant),
    color: variantColor(p.variant),
    shape: variantShape(p.variant),
    points: [{ n: p.ms, y: p.error }],
    markersOnly: true,
  }));
  if (frontier.length > 1) {
    scatter.push({
      id: 'frontier',
      label: 'frontier',
      color: 'var(--muted)',
      dashed: true,
      partOf: 'frontier',
      points: frontier.map((p) => ({ n: p.ms, y: p.error })),
    });
  }
  return scatter;
}
