import { EngineClient } from '../worker/engineClient';

/** Start a fresh engine worker (tfjs loads there, never on the page's thread). */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
  return new EngineClient(worker);
}
