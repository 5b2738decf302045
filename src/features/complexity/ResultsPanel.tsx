import { memo, useDeferredValue, useEffect, useMemo } from 'react';
import { useEngineStore } from '../../session/engineStore';
import { formatN } from '../../shared/numberFormat';
import type { InputFileInfo } from '../../worker/sweepProtocol';
import { ComplexityCharts } from './ComplexityCharts';
import { chartRows, maxBindingOf, paramsOf, shapeOf } from './chartRows';
import { useLabFiles } from './labFiles';
import { useLabStore } from './labStore';
import { inputFileOf, recordedInputText } from './ownInputs';
import { dateOf, whereMade } from './precomputed';
import { ResultFiles } from './ResultFiles';
import { ResultsTable } from './ResultsTable';
import { PrecomputedGaps, SharedRunNotice } from './SharedRunNotice';
import { shownRows } from './selectedRun';

function PrecomputedNotice({ provenance }: { provenance: Record<string, unknown> }) {
  return (
    <p className="notice lab-precomputed" data-testid="precomputed-notice">
      <strong>Pre-computed results.</strong> Pre-computed on {whereMade(provenance)},{' '}
      {dateOf(provenance)}. Press Run to measure on your own device.
    </p>
  );
}

/** The user's file these results measured (from the run's provenance, so files and links keep it). */
function InputFileNote({ file }: { file: InputFileInfo | null }) {
  if (!file) return null;
  return (
    <p className="notice" data-testid="results-input" title={`SHA-256 ${file.sha256}`}>
      Input: {recordedInputText(file)}; each n measures the first n rows of every head. Dense’s
      relative error is against the float64 reference on those rows (so not 0); the other variants’
      is as for generated inputs.
    </p>
  );
}

/** What the results area says when there is nothing to draw yet. */
function EmptyState() {
  const pre = useLabStore((s) => s.precomputed);
  const run = useLabStore((s) => s.run);
  if (run.status === 'running') {
    return (
      <div className="lab-empty" role="status">
        <p>Measuring… the first points appear here as soon as they finish.</p>
        <p className="muted">
          On a GPU the first run of each size compiles shaders, so it is slow.
        </p>
      </div>
    );
  }
  if (run.source === 'live') {
    return (
      <div className="lab-empty">
        <p>This run measured no points.</p>
        <p className="muted">Change the variants or sizes and press Run again.</p>
      </div>
    );
  }
  if (pre.state === 'loading' || pre.state === 'idle') {
    return (
      <div className="lab-empty" role="status">
        <p>Loading the pre-computed results…</p>
      </div>
    );
  }
  return (
    <div className="lab-empty" data-testid="results-empty">
      <p>
        <strong>No results to show yet.</strong> The pre-computed run that normally appears here
        could not be loaded{pre.error ? `: ${pre.error}` : ''}.
      </p>
      <p className="muted">Press Run to measure the variants on your own device.</p>
    </div>
  );
}

/** More sequence lengths than this, and the picker is a slider instead of a list. */
const MAX_LISTED_NS = 64;

/** The n of the error-against-time chart: a list, or a slider for a file with thousands of n. */
function FrontierNPicker(props: {
  ns: number[];
  chosen: number | undefined;
  onChange: (n: number) => void;
}) {
  const { ns, chosen, onChange } = props;
  if (ns.length > MAX_LISTED_NS) {
    const i = Math.max(0, chosen === undefined ? ns.length - 1 : ns.indexOf(chosen));
    return (
      <label className="lab-field">
        <span>error against time at n = {chosen === undefined ? '—' : formatN(chosen)}</span>
        <input
          type="range"
          min={0}
          max={ns.length - 1}
          value={i}
          aria-valuetext={chosen === undefined ? undefined : `n = ${chosen}`}
          onChange={(e) => onChange(ns[Number(e.target.value)])}
        />
      </label>
    );
  }
  return (
    <label className="lab-field">
      <span>error against time at n =</span>
      <select
        value={chosen ?? ''}
        onChange={(e) => onChange(Number(e.target.value))}
        disabled={ns.length === 0}
      >
        {ns.map((n) => (
          <option key={n} value={n}>
            {formatN(n)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The parts of the run the results draw, deferred. The run object changes on every progress
 * tick (twice a point); these parts only when a point lands. As a deferred value the redraw of
 * four charts and the table yields to input every few ms instead of holding the main thread, and
 * points that land together are drawn once.
 */
function useShownRun() {
  const source = useLabStore((s) => s.run.source);
  const rows = useLabStore((s) => s.run.rows);
  const provenance = useLabStore((s) => s.run.provenance);
  const config = useLabStore((s) => s.run.config);
  const shown = useMemo(
    () => ({ source, rows, provenance, config }),
    [source, rows, provenance, config],
  );
  return useDeferredValue(shown);
}

// Memoised, so the urgent render that comes before a deferred one (below) skips them: their
// props only change when the deferred run does.
const Charts = memo(ComplexityCharts);
const Table = memo(ResultsTable);

/** The shown results (pre-computed or the user's run): notice, the four charts, the table. */
export function ResultsPanel() {
  const run = useShownRun();
  const hidden = useLabStore((s) => s.ui.hidden);
  const toggle = useLabStore((s) => s.toggleSeries);
  const frontierN = useLabStore((s) => s.ui.frontierN);
  const setFrontierN = useLabStore((s) => s.setFrontierN);
  const limits = useEngineStore((s) => s.engine.report?.limits ?? null);
  const compare = useLabFiles((s) => s.compare);
  const labConfig = useLabStore((s) => s.config);
  const { provenance, config } = run;
  // The pre-computed run: the chosen variants only, and a note naming those it lacks.
  // Derived once per run, not per render: a 65 000-row file makes each of these tens of ms.
  const { rows, gaps } = useMemo(() => shownRows(run, labConfig), [run, labConfig]);
  const own = run.source === 'live' ? null : (provenance?.limits as typeof limits | undefined);
  const maxBinding = maxBindingOf(own ?? limits);
  const errorNs = useMemo(
    () =>
      [
        ...new Set(
          rows.filter((r) => r.refused === undefined && r.relError !== null).map((r) => r.n),
        ),
      ].sort((a, b) => a - b),
    [rows],
  );
  const charted = useMemo(
    () => chartRows(rows, paramsOf(provenance, config)),
    [rows, provenance, config],
  );
  const compared = useMemo(
    () =>
      compare
        ? chartRows(compare.set.rows, paramsOf(compare.set.provenance, compare.set.config))
        : undefined,
    [compare],
  );
  const hiddenSet = useMemo(() => new Set(hidden), [hidden]);
  const shape = useMemo(() => shapeOf(config, provenance), [config, provenance]);
  const tableCompare = useMemo(
    () => (compare ? { name: compare.name, rows: compare.set.rows } : null),
    [compare],
  );
  // The user's file these results measured, if any: from the run's provenance or config.
  const inputFile = inputFileOf(provenance, config as unknown as Record<string, unknown> | null);
  const chosenN = frontierN !== null && errorNs.includes(frontierN) ? frontierN : errorNs.at(-1);
  // The first-paint budget's end point (src/cli/firstPaint.ts): pre-computed charts in the page.
  const precomputedShown = run.source === 'precomputed' && rows.length > 0;
  useEffect(() => {
    if (precomputedShown) performance.mark('precomputed-charts-drawn');
  }, [precomputedShown]);
  return (
    <section className="panel lab-results-panel" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <ResultFiles />
      {run.source === 'precomputed' && provenance ? (
        <PrecomputedNotice provenance={provenance} />
      ) : null}
      <PrecomputedGaps gaps={gaps} />
      <SharedRunNotice />
      <InputFileNote file={inputFile} />
      {rows.length === 0 ? (
        gaps ? null : (
          <EmptyState />
        )
      ) : (
        <>
          <div className="lab-chart-options">
            <FrontierNPicker ns={errorNs} chosen={chosenN} onChange={setFrontierN} />
          </div>
          <Charts
            denseAgainstFloat64={inputFile !== null}
            rows={charted}
            shape={shape}
            maxBinding={maxBinding}
            frontierN={chosenN}
            hidden={hiddenSet}
            onToggle={toggle}
            compare={compared}
          />
          <Table rows={rows} compare={tableCompare} />
        </>
      )}
    </section>
  );
}
