import { useId, useMemo } from 'react';
import { Heatmap } from '../../charts/Heatmap';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { SOURCES } from '../../core/sources';
import { Formula } from '../../shared/Formula';
import { alphaMatrix, depthMassMatrix, routingMatrix } from './depthData';
import { FormulaNote } from './FormulaNote';
import { formatPercent } from './modelText';

const UNIT: [number, number] = [0, 1];
const routedText = (v: number) => (v >= 0.5 ? 'routed through the block' : 'skipped the block');

/**
 * What only some models have: AttnRes's weights over depth, the tokens MoD routed through each
 * routed layer, and the mass MoDA heads put on depth keys. Null when the model has none.
 */
export function DepthViews({
  trace,
  model,
  labels,
  title,
}: {
  trace: ForwardTrace;
  model: ModelInfo;
  labels: string[];
  /** Names the model where several are shown at once. */
  title?: string;
}) {
  const alpha = useMemo(() => alphaMatrix(trace), [trace]);
  const routing = useMemo(() => routingMatrix(trace, labels), [trace, labels]);
  const depth = useMemo(() => depthMassMatrix(trace), [trace]);
  const heading = useId();
  if (!alpha && !routing && !depth) return null;
  return (
    <section className="panel" aria-labelledby={heading}>
      <h2 id={heading}>Mixing across depth{title ? `: ${title}` : ''}</h2>
      <div className="flow-grid">
        {alpha ? (
          <div>
            <Heatmap
              title="AttnRes: weight α of each source in each sublayer's input"
              {...alpha}
              scale="sequential"
              domain={UNIT}
              rowTitle="input of"
              colTitle="source"
              valueLabel="α"
              maskedLabel="not yet computed"
              maxCell={26}
            />
            <FormulaNote sources={[SOURCES.kimi2026]} tex="h_l = \sum_{i<l} \alpha_{i \to l} v_i">
              ,{' '}
              <Formula tex="\alpha_{i \to l} = \operatorname{softmax}_i\big(w_l^\top \operatorname{RMSNorm}(v_i)\big)" />
              , averaged over tokens; each row sums to 1. The standard residual is α ≡ 1 without the
              softmax.
            </FormulaNote>
          </div>
        ) : null}
        {routing ? (
          <div>
            <Heatmap
              title="MoD: tokens each routed layer sent through its block"
              {...routing}
              scale="sequential"
              domain={UNIT}
              rowTitle="layer"
              colTitle="token"
              valueLabel="token"
              formatValue={routedText}
              legendTicks={[0, 1]}
              legendDiscrete
              legendFormat={(v) => (v >= 0.5 ? 'routed' : 'skipped')}
              maxCell={22}
            />
            <FormulaNote sources={[SOURCES.raposo2024]}>
              Router score <Formula tex="r_i = w^\top x_i" />; the top{' '}
              {model.config.mod ? formatPercent(model.config.mod.capacity) : 'share c'} of tokens go
              through the block (<Formula tex="x' = x + r \cdot f(\tilde x)" />
              ), the rest skip it (<Formula tex="x' = x" />
              ). Dark: routed.
            </FormulaNote>
          </div>
        ) : null}
        {depth ? (
          <div>
            <Heatmap
              title="MoDA: attention mass each head puts on depth keys"
              {...depth}
              scale="sequential"
              rowTitle="layer"
              colTitle="head"
              valueLabel="depth mass"
              maxCell={40}
            />
            <FormulaNote
              sources={[SOURCES.zhu2026]}
              tex="o_t^l = \sum_{s \le t} a_s v_s^l + \sum_{i<l} b_i V_t^i"
            >
              , [a; b] = one softmax over sequence and depth logits; shown: Σb, averaged over
              queries. Layer 1 has no earlier layer.
            </FormulaNote>
          </div>
        ) : null}
      </div>
    </section>
  );
}
