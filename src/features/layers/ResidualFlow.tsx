import { useMemo } from 'react';
import { BarChart } from '../../charts/BarChart';
import { Heatmap } from '../../charts/Heatmap';
import { causalMask, formatCellValue } from '../../charts/heatmapScale';
import { WaterfallChart } from '../../charts/WaterfallChart';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { SOURCES } from '../../core/sources';
import { Formula } from '../../shared/Formula';
import { FormulaNote } from './FormulaNote';
import {
  layerNames,
  relativeUpdateSeries,
  rolloutRowError,
  shareParts,
  shareSum,
  streamNormSeries,
} from './flowData';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
const fmtShare = (v: number) => v.toFixed(3);
const ROLLOUT_DOMAIN: [number, number] = [0, 1];

export function NormFormula({ model }: { model: ModelInfo }) {
  return model.config.norm === 'pre' ? (
    <FormulaNote tex="\text{PreNorm: } x_{l+1} = x_l + F_l(\operatorname{LN}(x_l))">
      : the stream is never normalised, so its norm can grow layer by layer.
    </FormulaNote>
  ) : (
    <FormulaNote tex="\text{PostNorm: } x_{l+1} = \operatorname{LN}(x_l + F_l(x_l))">
      : every sublayer output is renormalised, so the norm stays near{' '}
      <Formula tex="\sqrt{T \cdot d}" />.
    </FormulaNote>
  );
}

/** Stream norm per layer and the relative update of each sublayer (two bar charts). */
export function FlowBars({ trace, model }: { trace: ForwardTrace; model: ModelInfo }) {
  const categories = useMemo(() => layerNames(trace), [trace]);
  const norms = useMemo(() => streamNormSeries(trace), [trace]);
  const updates = useMemo(() => relativeUpdateSeries(trace), [trace]);
  return (
    <>
      <BarChart
        title="Stream norm ‖xₗ‖ entering each sublayer"
        yLabel="‖x‖ (all tokens)"
        categories={categories}
        series={norms}
        formatY={fmt}
        footer={
          <>
            <NormFormula model={model} />
            <p className="chart-note">
              ‖x‖ of the final stream, before the final norm: {fmt(trace.finalNorm)}.
            </p>
          </>
        }
      />
      <BarChart
        title="Relative update ρ = ‖Δ‖ / ‖xₗ‖"
        yLabel="ρ"
        categories={categories}
        series={updates}
        formatY={fmt}
        footer={
          <FormulaNote tex="\rho_l = \lVert \Delta_l \rVert / \lVert x_l \rVert">
            : how much a sublayer changes the stream it reads (Δ: what it adds). Alignment cos(Δ,
            x):{' '}
            {trace.layers
              .map(
                (l, i) =>
                  `L${i + 1} ${l.attn.alignment.toFixed(2)} / ${l.mlp.alignment.toFixed(2)}`,
              )
              .join(', ')}{' '}
            (attention / MLP).
          </FormulaNote>
        }
      />
    </>
  );
}

/** The residual flow: norms, updates, additive shares (sum printed) and attention rollout. */
export function ResidualFlow({
  trace,
  model,
  labels,
}: {
  trace: ForwardTrace;
  model: ModelInfo;
  labels: string[];
}) {
  const parts = useMemo(() => shareParts(trace), [trace]);
  const t = trace.tokens.length;
  return (
    <div className="flow-grid">
      <FlowBars trace={trace} model={model} />
      <WaterfallChart
        title="Additive shares of the final stream"
        parts={parts}
        format={fmtShare}
        footer={
          <FormulaNote tex="s_c = \langle \Delta_c, x_L \rangle / \lVert x_L \rVert^2 \text{ with } x_L = x_0 + \textstyle\sum_c \Delta_c, \text{ so } \sum_c s_c = 1">
            {' '}
            exactly: <strong data-testid="share-sum">Σ = {shareSum(trace).toFixed(6)}</strong>. A
            negative share points against the final stream.
          </FormulaNote>
        }
      />
      <div>
        <Heatmap
          title="Attention rollout R (query ← key, through all layers)"
          rows={t}
          cols={t}
          values={trace.rollout}
          rowLabels={labels}
          colLabels={labels}
          scale="sequential"
          domain={ROLLOUT_DOMAIN}
          masked={causalMask}
          rowTitle="query"
          colTitle="key"
          valueLabel="rollout"
          maskedLabel="masked (future key)"
          maxCell={16}
        />
        <FormulaNote
          sources={[SOURCES.abnar2020]}
          tex="\hat A_l = \tfrac12 \bar A_l + \tfrac12 I, \quad R = \hat A_L \cdots \hat A_1"
        >
          {' '}
          (Ā: mean over heads); every row sums to 1 (largest error here{' '}
          {formatCellValue(rolloutRowError(trace.rollout, t))}).
        </FormulaNote>
      </div>
    </div>
  );
}
