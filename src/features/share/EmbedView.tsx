import { useEffect, useRef } from 'react';
import { useEngineStore } from '../../session/engineStore';
import {
  ComplexityCharts,
  chartRows,
  dateOf,
  maxBindingOf,
  paramsOf,
  progressText,
  ResultsTable,
  shapeOf,
  shownRows,
  statusText,
  useLabStore,
  whereMade,
} from '../complexity';
import { configProblem } from '../complexity/model/labConfig';
import { EMBED_TITLES, type LabPanel } from '../complexity/model/viewFlags';
import { currentBackend, currentView } from './hashSync';
import { readerPlan, readerPlanText } from './readerSweep';
import { encodeLabHash, pageBase } from './shareHash';
import '../complexity/lab.css';
import './share.css';
import { useNow } from '../../shared/useNow';

/** The one panel: a chart or the table (the pre-computed run: the chosen variants only). */
function Panel({ panel }: { panel: LabPanel }) {
  const run = useLabStore((s) => s.run);
  const config = useLabStore((s) => s.config);
  const hidden = useLabStore((s) => s.ui.hidden);
  const toggle = useLabStore((s) => s.toggleSeries);
  const frontierN = useLabStore((s) => s.ui.frontierN);
  const limits = useEngineStore((s) => s.engine.report?.limits ?? null);
  const pre = useLabStore((s) => s.precomputed);
  const { provenance } = run;
  const { rows, gaps } = shownRows(run, config);
  const gapNote = gaps ? (
    <p className="embed-gaps muted" data-testid="embed-gaps">
      {gaps}
    </p>
  ) : null;
  if (rows.length === 0) {
    const text =
      run.status === 'running'
        ? 'Measuring… the first points appear here as soon as they finish.'
        : pre.state === 'failed'
          ? `The pre-computed results could not be loaded${pre.error ? `: ${pre.error}` : ''}. Press Run live.`
          : run.source === 'live'
            ? 'This run measured no points.'
            : run.source === 'precomputed'
              ? 'The pre-computed run has none of the chosen variants. Press Run live.'
              : 'Loading the pre-computed results…';
    return (
      <>
        <p className="lab-empty">{text}</p>
        {gapNote}
      </>
    );
  }
  if (panel === 'table') {
    return (
      <>
        <ResultsTable rows={rows} />
        {gapNote}
      </>
    );
  }
  const own = run.source === 'live' ? null : (provenance?.limits as typeof limits | undefined);
  const errorNs = [
    ...new Set(rows.filter((r) => r.refused === undefined && r.relError !== null).map((r) => r.n)),
  ].sort((a, b) => a - b);
  const chosenN = frontierN !== null && errorNs.includes(frontierN) ? frontierN : errorNs.at(-1);
  return (
    <>
      <ComplexityCharts
        rows={chartRows(rows, paramsOf(provenance, run.config))}
        shape={shapeOf(run.config, provenance)}
        maxBinding={maxBindingOf(own ?? limits)}
        frontierN={chosenN}
        hidden={new Set(hidden)}
        onToggle={toggle}
        only={panel}
      />
      {gapNote}
    </>
  );
}

/** Post the embed's height to a host page that listens: one number, nothing else. */
function useReportHeight(ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || window.parent === window) return;
    let last = 0;
    const post = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ attentionExplorerHeight: height }, '*');
    };
    const observer = new ResizeObserver(post);
    observer.observe(el);
    post();
    return () => observer.disconnect();
  }, [ref]);
}

/** Where the shown numbers come from: the reference run's device, or this device's. */
function sourceLine(
  run: ReturnType<typeof useLabStore.getState>['run'],
  here: string | null,
): string {
  if (run.source === 'live') {
    const status = run.status === 'running' ? null : statusText(run);
    const where = run.provenance ? whereMade(run.provenance) : here;
    return [status, where ? `Measured on this device: ${where}.` : null].filter(Boolean).join(' ');
  }
  if (run.provenance) {
    return `Reference run: measured on ${whereMade(run.provenance)}, ${dateOf(run.provenance)}.`;
  }
  return '';
}

/**
 * `#embed=<panel>`: one panel alone for an iframe, the pre-computed result at once. The engine
 * worker starts only when "Run live" is pressed (startSweep → readyEngine boots it), and then
 * measures the reader-sized sweep (readerSweep.ts), never the author's full one.
 */
export function EmbedView({ panel }: { panel: LabPanel }) {
  const run = useLabStore((s) => s.run);
  const config = useLabStore((s) => s.config);
  const notices = useLabStore((s) => s.notices);
  // A kernel the link brings: swept by Run live, its source shown here first.
  const kernel = useLabStore((s) => s.kernel?.kernel ?? null);
  const start = useLabStore((s) => s.startSweep);
  const setConfig = useLabStore((s) => s.setConfig);
  const loadPrecomputed = useLabStore((s) => s.loadPrecomputed);
  const report = useEngineStore((s) => s.engine.report);
  const main = useRef<HTMLElement>(null);
  useEffect(() => loadPrecomputed(), [loadPrecomputed]);
  useReportHeight(main);
  // The author's sweep as the link gives it, read once: the plan stays put after a capped run.
  const author = useRef(config).current;
  const plan = readerPlan(author, kernel);
  const running = run.status === 'running';
  const now = useNow(running);
  const problem = configProblem(plan.config, null);
  const here = report ? whereMade({ backend: report.name, adapter: report.adapter }) : null;
  const runLive = () => {
    setConfig({ nMax: plan.config.nMax, repeats: plan.config.repeats });
    start();
  };
  const full = `${pageBase(location)}${encodeLabHash({ ...currentView(), config: author, embed: null, hide: [] }, currentBackend())}`;
  return (
    <main
      ref={main}
      className="embed"
      data-panel={panel}
      aria-label={`Attention Explorer: ${EMBED_TITLES[panel]}`}
    >
      <div className="embed-panel">
        <Panel panel={panel} />
      </div>
      <div className="embed-bar">
        <button
          type="button"
          className="button primary"
          onClick={runLive}
          disabled={running || problem !== null}
          title={problem ?? 'Measure a sweep sized for this device'}
        >
          Run live
        </button>
        <span className="embed-line" role="status" data-testid="embed-status">
          {running && run.progress
            ? `${progressText(run.progress, now)}${here ? ` on ${here}` : ''}`
            : running
              ? 'Starting the engine…'
              : sourceLine(run, here)}
        </span>
        <a className="embed-open" href={full} target="_blank" rel="noopener noreferrer">
          Open in Attention Explorer
        </a>
        <p className="embed-plan muted" data-testid="embed-plan">
          {readerPlanText(plan, author)}
        </p>
      </div>
      {notices.length > 0 ? (
        <ul className="embed-notices">
          {notices.map((n) => (
            <li key={n} className="notice warn" role="note">
              {n}
            </li>
          ))}
        </ul>
      ) : null}
      {kernel ? (
        <details className="embed-kernel" data-testid="embed-kernel">
          <summary>
            The source of “{kernel.name}” (stated cost {kernel.cost})
          </summary>
          <pre>{kernel.body}</pre>
        </details>
      ) : null}
    </main>
  );
}
