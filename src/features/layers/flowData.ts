import type { BarSeries } from '../../charts/barMarks';
import type { WaterfallPart } from '../../charts/waterfallMarks';
import type { ForwardTrace, SublayerFlow } from '../../core/model/trace';

/**
 * Residual-flow chart data from a trace (REFERENCE.md §4): per layer the stream norm entering
 * each sublayer and the relative update ρ = ‖Δ‖/‖x‖ of each, and the additive shares of the
 * final stream as waterfall parts.
 */

/** Sublayer colours: attention and MLP keep the same colour in every residual chart. */
export const ATTN_COLOR = '#4e79a7';
export const MLP_COLOR = '#f28e2b';

export const layerNames = (trace: ForwardTrace) => trace.layers.map((_, l) => `L${l + 1}`);

/** One bar series per sublayer (attention, MLP) of a value each layer's flow reports. */
function sublayerSeries(
  trace: ForwardTrace,
  labels: { attn: string; mlp: string },
  value: (flow: SublayerFlow) => number,
): BarSeries[] {
  return [
    {
      id: 'attn',
      label: labels.attn,
      color: ATTN_COLOR,
      values: trace.layers.map((l) => value(l.attn)),
    },
    {
      id: 'mlp',
      label: labels.mlp,
      color: MLP_COLOR,
      values: trace.layers.map((l) => value(l.mlp)),
    },
  ];
}

export const streamNormSeries = (trace: ForwardTrace): BarSeries[] =>
  sublayerSeries(
    trace,
    { attn: '‖x‖ entering attention', mlp: '‖x‖ entering the MLP' },
    (f) => f.streamNorm,
  );

export const relativeUpdateSeries = (trace: ForwardTrace): BarSeries[] =>
  sublayerSeries(trace, { attn: 'attention ρ', mlp: 'MLP ρ' }, (f) => f.relativeUpdate);

export const shareParts = (trace: ForwardTrace): WaterfallPart[] =>
  trace.shares.map((s) => ({ label: s.label, value: s.value }));

export const shareSum = (trace: ForwardTrace) => trace.shares.reduce((a, s) => a + s.value, 0);

/** Largest |row sum − 1| of the rollout: 0 up to rounding, shown as a check. */
export function rolloutRowError(rollout: ArrayLike<number>, t: number): number {
  let worst = 0;
  for (let i = 0; i < t; i++) {
    let s = 0;
    for (let j = 0; j < t; j++) s += rollout[i * t + j];
    worst = Math.max(worst, Math.abs(s - 1));
  }
  return worst;
}
