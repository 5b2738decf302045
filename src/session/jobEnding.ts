import { messageOf } from '../core/messageOf';
import { EngineError, EngineStoppedError } from '../worker/engineClient';

/** How a job that ended without a result is shown, the same on every screen. */
export interface JobEnding {
  status: 'cancelled' | 'failed';
  /** Why it failed; for a cancel, set only when the engine had to be stopped to honour it. */
  error: string | null;
}

/**
 * Cancel is a cancel whether the job stopped between calls or its worker had to be stopped
 * because the call in flight did not yield (a first shader compile on a software GPU can take
 * seconds); anything else is a failure with its message.
 */
export function jobEnding(err: unknown): JobEnding {
  if (err instanceof EngineStoppedError) return { status: 'cancelled', error: err.message };
  if (err instanceof EngineError && err.kind === 'cancelled') {
    return { status: 'cancelled', error: null };
  }
  return { status: 'failed', error: messageOf(err) };
}
