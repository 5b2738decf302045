import { useMemo } from 'react';
import { N_AXIS, TIME_AXIS_Y } from '../../charts/axes';
import { LineChart } from '../../charts/LineChart';
import { useToggles } from '../../charts/useToggles';
import type { HardnessOutcome } from '../../worker/hardnessProtocol';
import { JobBar } from './JobBar';
import { DEFAULT_HARDNESS_CONFIG, type HardnessConfig } from './model/config';
import { type ModRun, runFor } from './model/modFile';
import { modRequest, requestKey } from './model/requests';
import {
  legendNote,
  liveSource,
  loadFailed,
  precomputedSource,
  smallSizeNote,
  summary,
} from './modText';
import { saveJob, saveShippedMod } from './saveFiles';
import { modMarks } from './timingMarks';
import { useEngineJob } from './useEngineJob';
import { useModFile } from './useModFile';

/** The live outcome as a run, when it is a Mixture-of-Depths one. */
function liveRun(out: HardnessOutcome | null): ModRun | null {
  if (out?.experiment.kind !== 'mod' || out.result.kind !== 'mod') return null;
  return { experiment: out.experiment, points: out.result.points };
}

/**
 * Mixture-of-Depths, measured: full attention against the routed block (top C of S tokens by
 * a router score, dense attention among them), with the (C/S)² line and fitted exponents.
 * Shows the shipped run (public/precomputed/mod.json, sizes where the quadratic term
 * dominates) at once; "Run live" measures the controls' sizes on this device.
 */
export function ModFigure({ config = DEFAULT_HARDNESS_CONFIG }: { config?: HardnessConfig }) {
  const pre = useModFile();
  const toggles = useToggles();
  const { state, run, cancel } = useEngineJob<HardnessOutcome>();
  const start = () => run((client, onProgress) => client.hardness(modRequest(config), onProgress));
  const live = useMemo(() => liveRun(state.result), [state.result]);
  const shipped = pre.state === 'loaded' ? runFor(pre.file, config.modCapacity) : null;
  const shown = live ?? shipped;
  const marks = useMemo(
    () => (shown ? modMarks(shown.points, shown.experiment.capacity) : null),
    [shown],
  );
  const detail = live
    ? liveSource(state.result?.backend ?? 'an unknown backend', live.experiment)
    : pre.state === 'loaded' && shipped
      ? precomputedSource(pre.file, shipped, config.modCapacity)
      : pre.state === 'failed'
        ? loadFailed(pre.error)
        : 'Loading the pre-computed measurement…';
  const note = marks ? smallSizeNote(marks) : null;
  // The download is the shown run: the live one, else the shipped one. A live run cut short
  // before its second point is not offered: the file could not be read back (modFile needs two).
  const save =
    live && live.points.length >= 2
      ? () => saveJob(state)
      : !live && pre.state === 'loaded' && shipped
        ? () => saveShippedMod(pre.file, shipped)
        : null;
  return (
    <div className="hx-figure" data-testid="hx-mod">
      <JobBar
        name="Mixture-of-Depths"
        state={state}
        onRun={start}
        onCancel={cancel}
        runLabel="Run live"
        detail={detail}
        onDownload={save}
        stale={live !== null && requestKey(live.experiment) !== requestKey(modRequest(config))}
      />
      {marks && shown && shown.points.length > 0 ? (
        <>
          <LineChart
            title="Time of full attention and of the routed block (measured median)"
            {...N_AXIS}
            {...TIME_AXIS_Y}
            xLabel="sequence length S"
            series={marks.series}
            hidden={toggles.hidden}
            onToggle={toggles.toggle}
            legendNote={(id) => legendNote(marks, id)}
            height={280}
          />
          <p className="chart-note" data-testid="hx-mod-summary">
            {summary(marks)} The routed tokens still attend to each other densely: C = (C/S)·S
            tokens cost (C/S)²·S², a constant factor off full attention, and the exponent stays 2.
          </p>
          {note ? (
            <p className="chart-note" data-testid="hx-mod-small">
              {note}
            </p>
          ) : null}
        </>
      ) : (
        <p className="lab-empty">
          {pre.state === 'failed'
            ? 'No timings to show yet: press Run live.'
            : 'The timings appear here once the pre-computed measurement has loaded.'}
        </p>
      )}
    </div>
  );
}
