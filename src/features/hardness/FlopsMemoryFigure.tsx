import { useEffect, useMemo } from 'react';
import { BYTES_AXIS_Y, N_AXIS, TIME_AXIS_Y } from '../../charts/axes';
import { type ChartSeries, LineChart } from '../../charts/LineChart';
import { useToggles } from '../../charts/useToggles';
import type { SweepRow } from '../../engine/sweep';
import { useEngineStore } from '../../session/engineStore';
import { formatExponent } from '../../shared/numberFormat';
import type { SweepJobConfig, SweepOutcome } from '../../worker/sweepProtocol';
import { dateOf, useLabStore, whereMade } from '../complexity';
import { onlyVariants } from './hardnessFiles';
import { JobBar } from './JobBar';
import { DEFAULT_HARDNESS_CONFIG, type HardnessConfig } from './model/config';
import { flopsSweep, requestKey } from './model/requests';
import { saveSweep } from './saveFiles';
import { flopsMarks, formatFlops } from './timingMarks';
import { useEngineJob } from './useEngineJob';

const EXACT = ['dense', 'flash', 'fused'];
const slope = (x: number | null | undefined) => (x == null ? undefined : formatExponent(x));

function Chart(props: {
  title: string;
  /** The y axis: its label, number format and ticks (charts/axes). */
  yAxis: { yLabel: string; formatY: (y: number) => string; yTicks?: 'decades' | 'pow2' };
  series: ChartSeries[];
  note: (id: string) => string | undefined;
  footer?: string;
}) {
  const toggles = useToggles();
  return (
    <LineChart
      title={props.title}
      {...N_AXIS}
      {...props.yAxis}
      series={props.series}
      hidden={toggles.hidden}
      onToggle={toggles.toggle}
      legendNote={props.note}
      height={250}
      footer={props.footer ? <p className="chart-note">{props.footer}</p> : undefined}
    />
  );
}

/**
 * Dense against tiled (flash) attention, and the fused WGSL kernel where the backend is
 * webgpu: the same FLOPs (cost formulas), memory n² against n (measured peak tensor bytes),
 * and time with the same exponent (measured). Shows the shipped pre-computed run at once;
 * "Run live" measures on this device with the lab's sweep job.
 */
export function FlopsMemoryFigure({
  config = DEFAULT_HARDNESS_CONFIG,
}: {
  config?: HardnessConfig;
}) {
  const pre = useLabStore((s) => s.precomputed);
  const loadPre = useLabStore((s) => s.loadPrecomputed);
  useEffect(() => loadPre(), [loadPre]);
  const backend = useEngineStore((s) => s.engine.report?.name ?? null);
  const { state, run, cancel } = useEngineJob<SweepOutcome & { config: SweepJobConfig }>();
  const live = state.result;
  const start = () =>
    run((client, onProgress) => {
      const sweep = flopsSweep(config, backend);
      const job = client.sweep(sweep, (p) =>
        onProgress({ step: p.step, total: p.total, label: `${p.variant}, n = ${p.n}` }),
      );
      // The request travels with its outcome, for the download.
      return { ...job, result: job.result.then((o) => ({ ...o, config: sweep })) };
    });
  const rows: SweepRow[] = useMemo(() => {
    if (live) return live.rows;
    return (pre.set?.rows ?? []).filter((r) => EXACT.includes(r.variant));
  }, [live, pre.set]);
  const marks = useMemo(() => flopsMarks(rows), [rows]);
  const note = (kind: 'time' | 'flops' | 'memory') => (id: string) =>
    slope(marks.exponents.get(id)?.[kind]);
  const source = live
    ? `Measured live on ${whereMade(live.provenance)} (d = ${live.provenance.d}, ${live.provenance.repeats} repeats).`
    : pre.set
      ? `Pre-computed: measured on ${whereMade(pre.set.provenance)}, ${dateOf(pre.set.provenance)} (d = ${pre.set.config.d}). Press Run live to measure on this device.`
      : pre.state === 'failed'
        ? `The pre-computed run could not be loaded (${pre.error}); press Run live.`
        : 'Loading the pre-computed run…';
  const shipped = pre.set;
  const save =
    rows.length === 0
      ? null
      : live
        ? () => saveSweep(live, true)
        : shipped
          ? () => saveSweep(onlyVariants(shipped, EXACT), false)
          : null;
  const stale =
    live !== null && requestKey(live.provenance.ns) !== requestKey(flopsSweep(config, backend).ns);
  return (
    <div className="hx-figure" data-testid="hx-flops">
      <JobBar
        name="FLOPs and memory"
        state={state}
        onRun={start}
        onCancel={cancel}
        runLabel="Run live"
        detail={source}
        stale={stale}
        onDownload={save}
      />
      {rows.length > 0 ? (
        <div className="hx-grid-3">
          <Chart
            title="FLOPs (cost formulas)"
            yAxis={{ yLabel: 'FLOPs per call', formatY: formatFlops }}
            series={marks.flops}
            note={note('flops')}
            footer="The lines lie on top of each other: tiling does the same 4n²d FLOPs (flash adds a few per block to rescale)."
          />
          <Chart
            title="Peak tensor memory (measured)"
            yAxis={BYTES_AXIS_Y}
            series={marks.memory}
            note={note('memory')}
            footer="Solid: measured peak tensor bytes (tfjs accounting). Dashed: the variant’s analytic working set."
          />
          <Chart
            title="Time (measured median)"
            yAxis={TIME_AXIS_Y}
            series={marks.time}
            note={note('time')}
            footer="Exponents fitted over the three largest n. Below n ≈ 512 fixed per-kernel costs flatten the curves; larger n brings every exact variant towards 2."
          />
        </div>
      ) : null}
    </div>
  );
}
