import { useEffect, useMemo } from 'react';
import { LineChart } from '../../charts/LineChart';
import { useToggles } from '../../charts/useToggles';
import { Formula } from '../../shared/Formula';
import { formatError } from '../../shared/numberFormat';
import { Term } from '../../shared/Term';
import type { HardnessOutcome } from '../../worker/hardnessProtocol';
import { JobBar } from './JobBar';
import { formatRatio, performerSeries, worstDeviation } from './marks';
import { DEFAULT_HARDNESS_CONFIG, type HardnessConfig } from './model/config';
import { performerRequest, requestKey } from './model/requests';
import { saveJob } from './saveFiles';
import { useEngineJob } from './useEngineJob';

/**
 * Performer's estimator of exp(xᵀy), measured: relative MSE over many draws of m random
 * features against the closed form (e^{‖x+y‖²} − 1)/m. Pure maths, computed in the worker
 * (seconds of sampling would freeze the page); it reruns whenever the controls change.
 */
export function PerformerFigure({ config = DEFAULT_HARDNESS_CONFIG }: { config?: HardnessConfig }) {
  const request = performerRequest(config);
  const key = requestKey(request);
  const toggles = useToggles();
  const { state, run, cancel } = useEngineJob<HardnessOutcome>();
  const start = () =>
    run((client, onProgress) => client.hardness(performerRequest(config), onProgress));
  // biome-ignore lint/correctness/useExhaustiveDependencies: cheap: rerun whenever the request changes
  useEffect(start, [key]);
  const out = state.result;
  const result = out?.result.kind === 'performer' ? out.result : null;
  const shown = out?.experiment.kind === 'performer' ? out.experiment : null;
  const series = useMemo(() => (result ? performerSeries(result.series) : []), [result]);
  const largest = result?.series[result.series.length - 1];
  const worst = largest ? worstDeviation(largest.points, 2) : Number.NaN;
  return (
    <div className="hx-figure" data-testid="hx-performer">
      <JobBar
        name="Performer estimator"
        state={state}
        onRun={start}
        onCancel={cancel}
        onDownload={out ? () => saveJob(state) : null}
        detail={
          shown
            ? `${shown.samples} draws of ${shown.orthogonal ? 'orthogonal' : 'iid'} features per point, d = ${shown.d}.`
            : null
        }
      />
      {series.length > 0 ? (
        <LineChart
          title="Relative MSE of φ(x)ᵀφ(y) as an estimate of exp(xᵀy)"
          xLabel="‖x + y‖²"
          yLabel="relative MSE"
          series={series}
          hidden={toggles.hidden}
          onToggle={toggles.toggle}
          formatX={formatRatio}
          formatY={formatError}
          xTicks="pow2"
          footer={
            <p className="chart-note">
              Solid: measured. Dashed: the closed form{' '}
              <Formula tex="(e^{\lVert x+y \rVert^2} - 1)/m" /> for <Term id="iid" /> features
              {shown?.orthogonal ? ' (orthogonal features do better, so they fall below it)' : ''}.
              {largest && Number.isFinite(worst)
                ? ` At m = ${largest.m} and ‖x+y‖² ≤ 2 the measured MSE is within ${(worst * 100).toFixed(1)}% of the closed form.`
                : ''}{' '}
              At large ‖x+y‖² the squared error is heavy-tailed: a finite sample usually
              underestimates its mean.
            </p>
          }
        />
      ) : (
        <p className="lab-empty">The estimator’s error appears here once it has been sampled.</p>
      )}
    </div>
  );
}
