import { useEngineStore } from './engineStore';

/**
 * What both engine views show first: the notice about a backend asked for in the URL, and the
 * loading line while the worker starts. `lineClass` styles the loading line for its view.
 */
export function EngineStartNotices({ lineClass = 'loading' }: { lineClass?: string }) {
  const phase = useEngineStore((s) => s.engine.phase);
  const notice = useEngineStore((s) => s.choice.notice);
  return (
    <>
      {notice ? (
        <p className="notice" role="note">
          {notice}
        </p>
      ) : null}
      {phase === 'starting' ? (
        <p className={lineClass} role="status">
          Starting the engine: loading TensorFlow.js in a worker and choosing a backend…
        </p>
      ) : null}
    </>
  );
}
