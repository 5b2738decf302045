import type { BackendReport } from '../../engine/backend';
import { fallbackNotice } from '../../session/backendParam';
import { EngineProblem } from '../../session/EngineProblem';
import { EngineStartNotices } from '../../session/EngineStartNotices';
import { useEngineStore } from '../../session/engineStore';
import { formatMiB } from '../../shared/numberFormat';

function adapterText(report: BackendReport): string {
  const a = report.adapter;
  if (!a) return 'no GPU adapter (runs on the CPU)';
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ') || 'unnamed adapter';
  const kind =
    a.isFallbackAdapter === null ? '' : a.isFallbackAdapter ? ', software fallback' : ', hardware';
  return `${name}${kind}`;
}

/** One line: backend in use, adapter, key limits; the fallback notice; or the engine's trouble. */
export function LabStatusLine() {
  const engine = useEngineStore((s) => s.engine);
  const choice = useEngineStore((s) => s.choice);
  const r = engine.report;
  const fallback = r ? fallbackNotice(r, choice.forced) : null;
  return (
    <section className="lab-status" aria-label="Engine" aria-busy={engine.phase === 'starting'}>
      <EngineStartNotices lineClass="lab-status-line loading" />
      {r ? (
        <p className="lab-status-line">
          <span>
            Backend <strong data-testid="backend-name">{r.name}</strong>
          </span>
          {/* Adapter, limits and timestamps exist only on WebGPU; the notice below says the rest. */}
          {r.name === 'webgpu' ? (
            <>
              <span data-testid="lab-adapter">{adapterText(r)}</span>
              <span>
                largest buffer binding {formatMiB(r.limits.maxStorageBufferBindingSize)}, buffer{' '}
                {formatMiB(r.limits.maxBufferSize)}
              </span>
              <span>GPU timestamps {r.hasTimestampQuery ? 'yes' : 'no'}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {fallback ? (
        <p className="notice warn" role="note" data-testid="fallback-notice">
          {fallback}
        </p>
      ) : null}
      {engine.phase !== 'starting' && engine.phase !== 'ready' ? (
        <EngineProblem kind={engine.phase} message={engine.error} />
      ) : null}
    </section>
  );
}
