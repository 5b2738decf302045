import { useMemo } from 'react';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { DepthViews } from './DepthViews';
import { FocusedHead } from './FocusedHead';
import { HeadGrid } from './HeadGrid';
import { shownHead } from './headPick';
import type { LayersConfig } from './layersConfig';
import { useLayersStore } from './layersStore';
import { Predictions } from './Predictions';
import { ResidualFlow } from './ResidualFlow';
import { traceMaps } from './traceViews';

/** Everything drawn from one trace: heads, the focused head, predictions, residual flow, depth. */
export function TraceViews({
  trace,
  model,
  config,
}: {
  trace: ForwardTrace;
  model: ModelInfo;
  config: LayersConfig;
}) {
  const maps = useMemo(() => traceMaps(trace), [trace]);
  const pick = useMemo(
    () => shownHead(trace, config.layer, config.head),
    [trace, config.layer, config.head],
  );
  const setConfig = useLayersStore((s) => s.setConfig);
  const selectHead = useLayersStore((s) => s.selectHead);
  return (
    <>
      <section className="panel" aria-labelledby="heads-heading">
        <h2 id="heads-heading">Attention of every head</h2>
        <p className="muted">
          {trace.layers.length} layers × {maps.heads[0]?.length ?? 0} heads on “
          {maps.labels.join('')}”. In the second copy a trained model's induction head looks one
          token after the earlier occurrence of the current letter: an offset diagonal.
        </p>
        <HeadGrid
          maps={maps}
          variant={trace.variant}
          view={config.grid}
          onView={(grid) => setConfig({ grid })}
          selected={pick}
          onSelect={selectHead}
        />
        <FocusedHead maps={maps} variant={trace.variant} pick={pick} />
      </section>
      <section className="panel" aria-labelledby="predictions-heading">
        <h2 id="predictions-heading">Next-token predictions</h2>
        <Predictions trace={trace} />
      </section>
      <section className="panel" aria-labelledby="flow-heading">
        <h2 id="flow-heading">Residual flow</h2>
        <p className="muted">
          How much each layer writes into the residual stream, and where the final stream comes
          from.
        </p>
        <ResidualFlow trace={trace} model={model} labels={maps.labels} />
      </section>
      <DepthViews trace={trace} model={model} labels={maps.labels} />
    </>
  );
}
