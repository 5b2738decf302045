import { spread } from '../core/stats';
import type { PeerRow } from './peerReport';

/**
 * One warm-up call (compiles shaders, sizes buffers), then `repeats` timed calls. Each call
 * resolves with its output read back to the CPU, so the wall time includes the GPU's work.
 * Returns the timings and the last output (to check against float64).
 */
export async function timeCalls(
  call: () => Promise<Float32Array>,
  repeats: number,
): Promise<{ ms: NonNullable<PeerRow['ms']>; output: Float32Array }> {
  let output = await call();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    output = await call();
    samples.push(performance.now() - t0);
  }
  return { ms: { ...spread(samples), samples }, output };
}
