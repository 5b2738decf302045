import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineJobHandle } from '../../session/engineJob';
import { runOnEngine } from '../../session/engineStore';
import type { EngineClient, Job } from '../../worker/engineClient';

/**
 * One engine job owned by a component: start it (the engine is started or restarted first),
 * follow its progress, cancel it; a newer run or unmounting cancels the older one. The last
 * result stays shown while a new run is under way, and when it fails.
 */

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface StepProgress {
  step: number;
  total: number;
  label: string;
}

export interface JobState<T> {
  status: JobStatus;
  result: T | null;
  error: string | null;
  progress: StepProgress | null;
  /** Seconds the last finished run took. */
  seconds: number | null;
}

export type StartJob<T> = (client: EngineClient, onProgress: (p: StepProgress) => void) => Job<T>;

interface Outcome {
  cancelled: boolean;
  error?: string;
}

export function useEngineJob<T extends Outcome>() {
  const [state, setState] = useState<JobState<T>>({
    status: 'idle',
    result: null,
    error: null,
    progress: null,
    seconds: null,
  });
  const job = useRef<EngineJobHandle | null>(null);

  const cancel = useCallback(() => job.current?.cancel(), []);

  const run = useCallback((start: StartJob<T>) => {
    job.current?.drop();
    // Timed from the job's first progress: time queued behind other jobs is not its own.
    let began = performance.now();
    let begun = false;
    const seconds = () => (performance.now() - began) / 1000;
    setState((s) => ({ ...s, status: 'running', error: null, progress: null }));
    job.current = runOnEngine(start, {
      onProgress: (progress) => {
        if (!begun) [begun, began] = [true, performance.now()];
        setState((s) => ({ ...s, progress }));
      },
      onResult: (outcome) => {
        const status = outcome.error ? 'failed' : outcome.cancelled ? 'cancelled' : 'done';
        const error = outcome.error ?? null;
        setState({ status, result: outcome, error, progress: null, seconds: seconds() });
      },
      onEnding: (ending) =>
        setState((s) => ({ ...s, ...ending, progress: null, seconds: seconds() })),
    });
  }, []);

  // Unmounting cancels the job in flight; its answer is ignored.
  useEffect(() => () => job.current?.drop(), []);

  return { state, run, cancel };
}
