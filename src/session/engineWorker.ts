import { EngineClient } from '../worker/engineClient';

/**
 * Start a fresh engine worker (tfjs loads there, never on the page's thread). The client gets a
 * factory, so it can replace a worker whose call in flight does not yield to a cancel.
 */
export function startEngine(): EngineClient {
  return new EngineClient(
    () =>
      new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'engine',
      }),
  );
}
