import { useEngineStore } from './engineStore';

const TITLES = {
  initFailed: 'The engine could not start',
  deviceLost: 'The GPU device was lost',
  crashed: 'The engine worker stopped',
} as const;

const HINTS = {
  initFailed:
    'No TensorFlow.js backend started. Try another browser, or add ?backend=cpu to the URL.',
  deviceLost:
    'The GPU reset or the driver stopped this page’s device. Results so far are kept; restart to go on.',
  crashed: 'The worker that runs TensorFlow.js failed. Restarting loads it again.',
} as const;

/** Init failure, device loss or a worker crash: what happened and a way out. */
export function EngineProblem({
  kind,
  message,
}: {
  kind: keyof typeof TITLES;
  message: string | null;
}) {
  const restart = useEngineStore((s) => s.restartEngine);
  return (
    <div className="problem" role="alert">
      <h3 className="problem-title">{TITLES[kind]}</h3>
      {message ? <p className="problem-message">{message}</p> : null}
      <p>{HINTS[kind]}</p>
      <button type="button" className="button" onClick={restart}>
        Restart engine
      </button>
    </div>
  );
}
