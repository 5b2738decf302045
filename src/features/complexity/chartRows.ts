import type { MeasuredPoint } from '../../charts/data/series';
import type { DeviceLimits } from '../../core/variantSpec';
import type { MeasuredRow, SweepRow } from '../../engine/sweep';
import type { SweepJobConfig } from '../../worker/sweepProtocol';
import type { SweepShape } from './ComplexityCharts';

/** Sweep rows as the charts read them (analytic FLOPs as `flops`, each row's parameters). */
export function chartRows(
  rows: readonly SweepRow[],
  params: Record<string, Record<string, number>>,
): (MeasuredPoint & { params: Record<string, number> })[] {
  return rows.map((r) =>
    r.refused !== undefined
      ? { variant: r.variant, n: r.n, refused: r.refused, params: params[r.variant] ?? {} }
      : { ...measuredPoint(r), relError: r.relError, params: params[r.variant] ?? {} },
  );
}

/** A measured row's time and memory as a chart point. */
export const measuredPoint = (r: MeasuredRow): MeasuredPoint => ({
  variant: r.variant,
  n: r.n,
  msMedian: r.msMedian,
  msMin: r.msMin,
  msMax: r.msMax,
  peakBytes: r.peakBytes,
  analyticBytes: r.analyticBytes,
  flops: r.analyticFlops,
});

/** The parameters a result used: the engine's resolved ones, else the request's. */
export function paramsOf(
  provenance: Record<string, unknown> | null,
  config: SweepJobConfig | null,
): Record<string, Record<string, number>> {
  const p = provenance?.params;
  if (typeof p === 'object' && p !== null) return p as Record<string, Record<string, number>>;
  return config?.params ?? {};
}

export function shapeOf(
  config: SweepJobConfig | null,
  provenance: Record<string, unknown> | null,
): SweepShape {
  const d = config?.d ?? 64;
  const dv = typeof provenance?.dv === 'number' ? provenance.dv : d;
  return { d, dv, heads: config?.heads ?? 1, causal: config?.causal ?? false };
}

/** The largest single buffer a device binds (the smaller of its two limits). */
export const maxBindingOf = (limits: DeviceLimits | null | undefined): number | null =>
  limits ? Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) : null;
