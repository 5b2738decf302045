import { useEffect, useMemo } from 'react';
import { Heatmap } from '../../charts/Heatmap';
import { LineChart } from '../../charts/LineChart';
import { useToggles } from '../../charts/useToggles';
import { Formula } from '../../shared/Formula';
import { formatError, formatSig3 } from '../../shared/numberFormat';
import type { HardnessOutcome, RankLimitResult } from '../../worker/hardnessProtocol';
import { JobBar } from './JobBar';
import { crossingTau, rankMarks } from './marks';
import { DEFAULT_HARDNESS_CONFIG, type HardnessConfig } from './model/config';
import { rankRequest, requestKey } from './model/requests';
import { saveJob } from './saveFiles';
import { useEngineJob } from './useEngineJob';

const formatCell = (v: number) => (Math.abs(v) < 5e-4 ? '0' : formatSig3(v));
const formatTau = (t: number) => Number(t.toPrecision(2)).toString();

function Matrices({ r, n, m }: { r: RankLimitResult; n: number; m: number }) {
  const tau = r.softmax[0]?.tau;
  const maps = [
    { title: 'Target T', values: r.target },
    { title: `Best rank-${m} X (truncated SVD)`, values: r.approximation },
    { title: `Softmax at τ = ${tau === undefined ? '?' : formatTau(tau)}`, values: r.sharpest },
  ];
  return (
    <div className="hx-grid-3">
      {maps.map((h) => (
        <Heatmap
          key={h.title}
          title={h.title}
          rows={n}
          cols={n}
          values={h.values}
          scale="diverging"
          domain={[-1, 1]}
          formatValue={formatCell}
          rowTitle="query"
          colTitle="key"
          valueLabel="weight"
          maxCell={8}
        />
      ))}
    </div>
  );
}

/**
 * The rank limit: a target pattern, the best any rank-m kernel or low-rank method can reach
 * (Eckart–Young: the truncated SVD), and softmax closing in on the pattern as its temperature
 * falls. Pure maths in the worker; it reruns whenever the controls change.
 */
export function RankLimitFigure({ config = DEFAULT_HARDNESS_CONFIG }: { config?: HardnessConfig }) {
  const request = rankRequest(config);
  const key = requestKey(request);
  const toggles = useToggles();
  const { state, run, cancel } = useEngineJob<HardnessOutcome>();
  const start = () => run((client, onProgress) => client.hardness(rankRequest(config), onProgress));
  // biome-ignore lint/correctness/useExhaustiveDependencies: cheap: rerun whenever the request changes
  useEffect(start, [key]);
  const out = state.result;
  const r = out?.result.kind === 'rankLimit' ? out.result : null;
  const shown = out?.experiment.kind === 'rankLimit' ? out.experiment : null;
  const marks = useMemo(() => (r && shown ? rankMarks(r, shown.m) : null), [r, shown]);
  const cross = r ? crossingTau(r) : null;
  return (
    <div className="hx-figure" data-testid="hx-rank">
      <JobBar
        name="rank limit"
        state={state}
        onRun={start}
        onCancel={cancel}
        onDownload={out ? () => saveJob(state) : null}
        detail={shown ? `${shown.pattern}, n = ${shown.n}, rank m = ${shown.m}.` : null}
      />
      {r && shown && marks ? (
        <>
          <LineChart
            title={`Softmax’s distance to the target against the rank-${shown.m} floor`}
            xLabel="temperature τ (falls to the left)"
            yLabel="Frobenius error ‖T − P‖"
            series={marks.series}
            hidden={toggles.hidden}
            onToggle={toggles.toggle}
            formatX={formatTau}
            formatY={formatError}
            xTicks="auto"
            hLines={marks.hLines}
            height={260}
            footer={
              <p className="chart-note">
                No rank-{shown.m} matrix gets below the rank-{shown.m} floor (Eckart–Young: the
                error of the truncated SVD,{' '}
                <Formula tex="\big(\textstyle\sum_{i>m} \sigma_i^2\big)^{1/2}" />
                ).{' '}
                {cross === null
                  ? 'Softmax does not get below it at these temperatures.'
                  : `Softmax gets below it from τ = ${formatTau(cross)} down, and tends to 0.`}
              </p>
            }
          />
          <Matrices r={r} n={shown.n} m={shown.m} />
          {shown.pattern === 'band' ? null : (
            <p className="chart-note">
              Every singular value of the {shown.pattern} is 1, so every rank-{shown.m} projection
              is a best approximation; the one drawn serves {shown.m} tokens exactly and the other{' '}
              {shown.n - shown.m} not at all.
            </p>
          )}
        </>
      ) : (
        <p className="lab-empty">The matrices appear here once they have been computed.</p>
      )}
    </div>
  );
}
