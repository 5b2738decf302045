import { lazy, Suspense, useEffect } from 'react';
import { useLabStore } from './labStore';
import { useViewStore } from './viewStore';
import '../share/share.css';
import { FirstVisitIntro } from './FirstVisitIntro';
import { isFirstVisit } from './firstVisit';
import { LabControls } from './LabControls';
import { LabStatusLine } from './LabStatusLine';
import { OwnKernelPanel } from './OwnKernelPanel';
import { ParamSweepPanel } from './ParamSweepPanel';
import { ResultsPanel } from './ResultsPanel';
import { RunBar } from './RunBar';
import './lab.css';

// Drawn only while a file is loaded: its code loads then.
const OwnMapsPanel = lazy(() =>
  import('./OwnMapsPanel').then((m) => ({ default: m.OwnMapsPanel })),
);

/** The complexity lab: pick variants and sizes, run them in the worker, read the charts. */
export function ComplexityLab() {
  const running = useLabStore((s) => s.run.status === 'running' || s.paramRun.status === 'running');
  const loadPrecomputed = useLabStore((s) => s.loadPrecomputed);
  const ownFile = useLabStore((s) => s.own.input !== null);
  // Lesson flags (`hide=variants,run…`): share.css hides the named groups.
  const hide = useViewStore((s) => s.hide);
  useEffect(() => loadPrecomputed(), [loadPrecomputed]);
  return (
    <div className={['page', ...hide.map((g) => `hide-${g}`)].join(' ')}>
      {isFirstVisit() ? <FirstVisitIntro /> : null}
      <LabStatusLine />
      <section className="panel" aria-labelledby="lab-heading" aria-busy={running}>
        <h2 id="lab-heading">Complexity lab</h2>
        <p className="muted">
          Time, memory and error of each variant as n grows, measured in a worker on this device.
        </p>
        <LabControls disabled={running} />
        <RunBar />
      </section>
      <ResultsPanel />
      <ParamSweepPanel />
      {ownFile ? (
        <Suspense fallback={null}>
          <OwnMapsPanel />
        </Suspense>
      ) : null}
      <OwnKernelPanel />
    </div>
  );
}
