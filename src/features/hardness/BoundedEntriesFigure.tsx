import { useEffect, useMemo } from 'react';
import { LineChart } from '../../charts/LineChart';
import { useToggles } from '../../charts/useToggles';
import { formatError } from '../../shared/numberFormat';
import type { HardnessOutcome } from '../../worker/hardnessProtocol';
import { JobBar } from './JobBar';
import { type BoundedChart, boundedCharts, formatRatio } from './marks';
import { DEFAULT_HARDNESS_CONFIG, type HardnessConfig } from './model/config';
import { boundedRequest, requestKey } from './model/requests';
import { saveJob } from './saveFiles';
import { useEngineJob } from './useEngineJob';

const TITLES: Record<string, (budget: Record<string, number>) => string> = {
  performer: (b) => `Performer, m = ${b.m} features`,
  taylor: (b) => `Taylor, degree p = ${b.p}`,
  nystrom: (b) => `Nyström, m = ${b.m} landmarks`,
};

function BoundedChartView({
  chart,
  budget,
}: {
  chart: BoundedChart;
  budget: Record<string, number>;
}) {
  const toggles = useToggles();
  const jump = (id: string) => {
    const j = chart.jumps.get(id);
    return j === undefined ? undefined : `×${j.toPrecision(3)} from ¼ to 4`;
  };
  return (
    <LineChart
      title={TITLES[chart.variant]?.(budget) ?? chart.variant}
      xLabel="B² / ln n"
      yLabel="max abs error ‖Ô − O‖∞"
      series={chart.series}
      hidden={toggles.hidden}
      onToggle={toggles.toggle}
      formatX={formatRatio}
      formatY={formatError}
      xTicks="pow2"
      vLines={[{ x: 1, label: 'B = √ln n', labelSide: 'left' }]}
      legendNote={jump}
      height={260}
    />
  );
}

/**
 * Alman & Song's threshold, measured: fixed-budget approximations on entries uniform in
 * [−B, B] with d = ⌈c·log₂ n⌉, their max abs error against exact attention as B²/ln n grows.
 * Runs in the engine worker on mount (small n) and again on Run.
 */
export function BoundedEntriesFigure({
  config = DEFAULT_HARDNESS_CONFIG,
}: {
  config?: HardnessConfig;
}) {
  const request = boundedRequest(config);
  const key = requestKey(request);
  const { state, run, cancel } = useEngineJob<HardnessOutcome>();
  const start = () =>
    run((client, onProgress) => client.hardness(boundedRequest(config), onProgress));
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once on open; later runs are asked for
  useEffect(start, []);
  const out = state.result;
  const charts = useMemo(
    () => (out?.result.kind === 'boundedEntries' ? boundedCharts(out.result.points) : []),
    [out],
  );
  const shown = out?.experiment.kind === 'boundedEntries' ? out.experiment : null;
  return (
    <div className="hx-figure" data-testid="hx-bounded">
      <JobBar
        name="bounded entries"
        state={state}
        onRun={start}
        onCancel={cancel}
        onDownload={out ? () => saveJob(state) : null}
        detail={
          shown ? `Computed on ${out?.backend}: n = ${shown.ns.join(', ')}, c = ${shown.c}.` : null
        }
        stale={shown !== null && requestKey(shown) !== key}
      />
      {charts.length > 0 && shown ? (
        <>
          <div className="hx-grid-3">
            {charts.map((c) => (
              <BoundedChartView
                key={c.variant}
                chart={c}
                budget={shown.budgets[c.variant as keyof typeof shown.budgets] ?? {}}
              />
            ))}
          </div>
          <p className="chart-note">{jumpSummary(charts, shown.ns[shown.ns.length - 1])}</p>
        </>
      ) : (
        <p className="lab-empty">The errors appear here once the engine has computed them.</p>
      )}
      <p className="chart-note">{LINFORMER_NOTE}</p>
    </div>
  );
}

const LINFORMER_NOTE =
  'Linformer is left out on purpose: with random projections it does not converge to softmax (its error plateaus near relative error 1 as k grows; the paper’s guarantee is for learned projections), so its error would say nothing about the threshold.';

/** "At n = 256 the error grows ×…": the largest n, every variant, across the threshold. */
function jumpSummary(charts: BoundedChart[], n: number): string {
  const parts = charts.flatMap((c) => {
    const last = c.series[c.series.length - 1];
    const j = last ? c.jumps.get(last.id) : undefined;
    return j === undefined ? [] : [`${c.variant} ×${j.toPrecision(3)}`];
  });
  if (parts.length === 0) return '';
  return `From B²/ln n = ¼ to 4 at n = ${n}, the max abs error grows ${parts.join(', ')}.`;
}
