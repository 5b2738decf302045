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
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { ms: { median, min: sorted[0], max: sorted[sorted.length - 1], samples }, output };
}

/** Max |a − b| over two equally long arrays (Infinity if any entry is not finite). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]);
    if (!(e <= worst)) worst = Number.isNaN(e) ? Number.POSITIVE_INFINITY : e;
  }
  return worst;
}
