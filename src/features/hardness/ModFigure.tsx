import { useEffect, useMemo } from 'react';
import { formatMs, formatN } from '../../charts/format';
import { LineChart } from '../../charts/LineChart';
import type { HardnessOutcome } from '../../worker/hardnessProtocol';
import { DEFAULT_HARDNESS_CONFIG, type HardnessConfig } from './config';
import { JobBar } from './JobBar';
import { MOD_D, modRequest, requestKey } from './requests';
import { modMarks } from './timingMarks';
import { useEngineJob } from './useEngineJob';
import { useToggles } from './useToggles';

const fixed = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/**
 * Mixture-of-Depths, measured: full attention against the routed block (top C of S tokens by
 * a router score, dense attention among them), with the (C/S)² line and fitted exponents.
 * Runs small sizes in the engine worker on open and again on Run.
 */
export function ModFigure({ config = DEFAULT_HARDNESS_CONFIG }: { config?: HardnessConfig }) {
  const request = modRequest(config);
  const key = requestKey(request);
  const toggles = useToggles();
  const { state, run, cancel } = useEngineJob<HardnessOutcome>();
  const start = () => run((client, onProgress) => client.hardness(modRequest(config), onProgress));
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once on open; later runs are asked for
  useEffect(start, []);
  const out = state.result;
  const shown = out?.experiment.kind === 'mod' ? out.experiment : null;
  const points = out?.result.kind === 'mod' ? out.result.points : null;
  const marks = useMemo(
    () => (points && shown ? modMarks(points, shown.capacity) : null),
    [points, shown],
  );
  const e = marks?.exponents;
  const ratio = marks?.ratioAtLargest;
  return (
    <div className="hx-figure" data-testid="hx-mod">
      <JobBar
        name="Mixture-of-Depths"
        state={state}
        onRun={start}
        onCancel={cancel}
        detail={
          shown
            ? `Measured on ${out?.backend}: d = ${MOD_D}, capacity ${shown.capacity * 100}%, median of ${shown.repeats}.`
            : null
        }
        stale={shown !== null && requestKey(shown) !== key}
      />
      {marks && e && points && points.length > 0 ? (
        <>
          <LineChart
            title="Time of full attention and of the routed block"
            xLabel="sequence length S"
            yLabel="time per call"
            series={marks.series}
            hidden={toggles.hidden}
            onToggle={toggles.toggle}
            formatX={formatN}
            formatY={formatMs}
            legendNote={(id) =>
              id === 'full'
                ? `n^${fixed(e.full)}`
                : id === 'routed'
                  ? `n^${fixed(e.routed)}`
                  : undefined
            }
            height={280}
          />
          <p className="chart-note" data-testid="hx-mod-summary">
            Fitted exponents over the three largest S: full {fixed(e.full)}, routed{' '}
            {fixed(e.routed)} (measured time); routed FLOPs {fixed(e.routedFlops)} (cost formula).
            {ratio
              ? ` At S = ${formatN(ratio.n)} the routed block took ${(ratio.measured * 100).toPrecision(2)}% of full, against (C/S)² = ${(ratio.theory * 100).toPrecision(3)}%.`
              : ''}{' '}
            The routed tokens still attend to each other densely: C = (C/S)·S tokens cost (C/S)²·S²,
            a constant factor off full attention, and the exponent stays 2. At small S the router’s
            own kernels (top-C, gather, scatter) and fixed per-call costs dominate the routed
            block’s time, so its measured slope says little there; a larger S, on a GPU, brings it
            towards the full block’s.
          </p>
        </>
      ) : (
        <p className="lab-empty">The timings appear here once the engine has measured them.</p>
      )}
    </div>
  );
}
