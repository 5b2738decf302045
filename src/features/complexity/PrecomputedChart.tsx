import { useEffect } from 'react';
import { type ChartPanel, ComplexityCharts } from './ComplexityCharts';
import { chartRows, maxBindingOf, paramsOf, shapeOf } from './chartRows';
import { useLabStore } from './labStore';
import { dateOf, whereMade } from './precomputed';
import { hostOf } from './referenceRunText';
import './lab.css';

/**
 * One chart of the shipped pre-computed sweep (public/precomputed/complexity.json), optionally
 * restricted to some variants, with where and when it was measured. For the guided story: the
 * numbers come from a real run, and the lab (linked beside it) reruns them on this device.
 */
export function PrecomputedChart(props: {
  panel: ChartPanel;
  variants?: readonly string[];
  /** Height of the chart's plot in px (the charts' default when absent). */
  height?: number;
}) {
  const pre = useLabStore((s) => s.precomputed);
  const load = useLabStore((s) => s.loadPrecomputed);
  useEffect(() => load(), [load]);
  if (pre.state === 'failed') {
    return <p className="lab-empty">The pre-computed results could not be loaded: {pre.error}</p>;
  }
  if (!pre.set) return <p className="lab-empty">Loading the pre-computed results…</p>;
  const { rows, config, provenance } = pre.set;
  const keep = props.variants;
  const shown = keep ? rows.filter((r) => keep.includes(r.variant)) : rows;
  return (
    <figure className="precomputed-chart">
      <ComplexityCharts
        rows={chartRows(shown, paramsOf(provenance, config))}
        shape={shapeOf(config, provenance)}
        maxBinding={maxBindingOf(null)}
        only={props.panel}
        height={props.height}
      />
      <figcaption className="chart-note">
        Measured on {whereMade(provenance)}
        {hostOf(provenance) ? ` on ${hostOf(provenance)}` : ''}, {dateOf(provenance)} (d ={' '}
        {config.d}, {config.heads} head{config.heads === 1 ? '' : 's'}).
      </figcaption>
    </figure>
  );
}
