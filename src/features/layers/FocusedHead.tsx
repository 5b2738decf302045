import { useState } from 'react';
import { Heatmap, type HeatmapCell } from '../../charts/Heatmap';
import { causalMask, formatCellValue } from '../../charts/heatmapScale';
import { findSpec } from '../../core/variantSpecs';
import { diffStats, type HeadPick } from './headPick';
import { DIFF_FLOOR, type TraceMaps } from './traceViews';

const SEQ_DOMAIN: [number, number] = [0, 1];
const MASKED = 'masked (future key)';

/**
 * The selected head large: exact softmax, the variant the model ran with, and their
 * difference side by side, with one cursor shared by the three maps.
 */
export function FocusedHead(props: {
  maps: TraceMaps;
  variant: string;
  pick: HeadPick & { auto: boolean };
}) {
  const { maps, pick } = props;
  const [cursor, setCursor] = useState<HeatmapCell | null>(null);
  const m = maps.heads[pick.layer]?.[pick.head];
  if (!m) return null;
  const spec = findSpec(props.variant);
  const label = spec?.label ?? props.variant;
  const stats = diffStats(m.used, m.exact, maps.t);
  const diffMax = Math.max(DIFF_FLOOR, stats.maxAbs);
  const name = `L${pick.layer + 1} H${pick.head + 1}`;
  const common = {
    rows: maps.t,
    cols: maps.t,
    rowLabels: maps.labels,
    colLabels: maps.labels,
    masked: causalMask,
    rowTitle: 'query',
    colTitle: 'key',
    maskedLabel: MASKED,
    maxCell: 22,
    readout: false,
    cursor,
    onCursor: setCursor,
  };
  const at = (v: Float32Array, c: HeatmapCell) => formatCellValue(v[c.row * maps.t + c.col]);
  const readout = (() => {
    if (!cursor)
      return 'Hover a cell (or focus a map and use the arrow keys) for its exact values.';
    const where = `query ${maps.labels[cursor.row]} (${cursor.row}) → key ${maps.labels[cursor.col]} (${cursor.col})`;
    if (causalMask(cursor.row, cursor.col))
      return `${where}: masked, a query cannot see later keys`;
    return `${where}: exact ${at(m.exact, cursor)}, ${spec?.id ?? props.variant} ${at(m.used, cursor)}, difference ${at(m.diff, cursor)}`;
  })();
  return (
    <div className="focused-head" data-testid="focused-head">
      <p className="layers-focus-line">
        <strong>{name}</strong>
        {pick.auto
          ? ' (opened on the strongest induction head; click a map above to pick another)'
          : ''}
        . Induction score {pick.score.toFixed(3)}: the mean weight a query puts on the token after
        the earlier occurrence of its own token.
      </p>
      <div className="focused-maps">
        <Heatmap
          {...common}
          title="Exact softmax"
          values={m.exact}
          scale="sequential"
          domain={SEQ_DOMAIN}
          valueLabel="weight"
        />
        <Heatmap
          {...common}
          title={`Used: ${label}`}
          values={m.used}
          scale="sequential"
          domain={SEQ_DOMAIN}
          valueLabel="weight"
        />
        <Heatmap
          {...common}
          title={`Difference: ${spec?.id ?? props.variant} − exact`}
          values={m.diff}
          scale="diverging"
          domain={[-diffMax, diffMax]}
          valueLabel="variant − exact"
        />
      </div>
      <p className="chart-readout" aria-live="polite" data-testid="focus-readout">
        {readout}
      </p>
      <p className="chart-note" data-testid="diff-stats">
        Largest |difference| {formatCellValue(stats.maxAbs)}; on average a query's attention moves{' '}
        {(100 * stats.meanTotalVariation).toFixed(1)}% of its mass (½Σ|p̂ − p|).
        {spec?.exact ? ` ${label} is exact: what differs is floating-point rounding.` : ''}
      </p>
    </div>
  );
}
