import type { ReactNode } from 'react';
import type { BackendReport } from '../../engine/backend';
import { fallbackNotice } from '../../session/backendParam';
import { EngineProblem } from '../../session/EngineProblem';
import { EngineStartNotices } from '../../session/EngineStartNotices';
import { useEngineStore } from '../../session/engineStore';
import { formatMiB } from '../../shared/numberFormat';

function Row({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={id}>{children}</dd>
    </div>
  );
}

/** Where a non-WebGPU backend's size bound comes from (engine/backend.ts). */
const TENSOR_BOUND: Record<Exclude<BackendReport['name'], 'webgpu'>, string> = {
  webgl: 'a WebGL texture bound set by this app',
  wasm: 'what a 32-bit typed array can address',
  cpu: 'what a 32-bit typed array can address',
};

const yesNo = (x: boolean | null) => (x === null ? 'not reported' : x ? 'yes' : 'no');

function BackendFacts({ report }: { report: BackendReport }) {
  const a = report.adapter;
  return (
    <dl className="facts">
      <Row label="Backend" id="backend-name">
        <strong>{report.name}</strong>
      </Row>
      <Row label="Why" id="backend-reason">
        {report.reason}
      </Row>
      {a ? (
        <>
          <Row label="Adapter vendor" id="adapter-vendor">
            {a.vendor || '—'}
          </Row>
          <Row label="Architecture" id="adapter-architecture">
            {a.architecture || '—'}
          </Row>
          <Row label="Device" id="adapter-device">
            {a.device || a.description || '—'}
          </Row>
          <Row label="Fallback (software) adapter" id="adapter-fallback">
            {yesNo(a.isFallbackAdapter)}
          </Row>
        </>
      ) : null}
      {report.name === 'webgpu' ? (
        <>
          <Row label="Max storage buffer binding" id="limit-storage">
            {formatMiB(report.limits.maxStorageBufferBindingSize)}
          </Row>
          <Row label="Max buffer size" id="limit-buffer">
            {formatMiB(report.limits.maxBufferSize)}
          </Row>
          <Row label="GPU timestamps (timestamp-query)" id="timestamp-query">
            {report.hasTimestampQuery ? 'yes' : 'no'}
          </Row>
        </>
      ) : (
        // WebGPU's adapter limits and timestamps do not exist here; the app's own bound does.
        <Row label="Largest tensor the app accepts" id="limit-tensor">
          {formatMiB(report.limits.maxBufferSize)} ({TENSOR_BOUND[report.name]})
        </Row>
      )}
      <Row label="TensorFlow.js" id="tfjs-version">
        {report.tfjsVersion}
      </Row>
    </dl>
  );
}

/** Which backend runs and why, the adapter and its limits; or the engine's trouble. */
export function BackendPanel() {
  const engine = useEngineStore((s) => s.engine);
  const choice = useEngineStore((s) => s.choice);
  const fallback = engine.report ? fallbackNotice(engine.report, choice.forced) : null;
  return (
    <section
      className="panel"
      aria-labelledby="backend-heading"
      aria-busy={engine.phase === 'starting'}
    >
      <h2 id="backend-heading">Backend</h2>
      <EngineStartNotices />
      {engine.phase !== 'starting' && engine.phase !== 'ready' ? (
        <EngineProblem kind={engine.phase} message={engine.error} />
      ) : null}
      {fallback ? (
        <p className="notice warn" role="note" data-testid="fallback-notice">
          {fallback}
        </p>
      ) : null}
      {engine.report ? <BackendFacts report={engine.report} /> : null}
    </section>
  );
}
