import type { SweepProgress } from '../../engine/results';

/**
 * The user's own kernel's time limit, after which the engine worker is stopped and a fresh one
 * started (a kernel can loop for ever, and nothing else would end it): the whole of a check in
 * the editor, and each call of a sweep's point (so a point, warm-up and repeats together, gets
 * this many seconds per call).
 */
export const KERNEL_TIME_LIMIT_S = 20;

/** Why a sweep stopped when the user's kernel passed its limit at size n. */
export const kernelLateText = (name: string, n: number) =>
  `your kernel “${name}” ran past the time limit of ${KERNEL_TIME_LIMIT_S} s a call at n = ${n}, so the engine was stopped and restarted`;

/**
 * Watches a sweep's progress for the user's kernel: while one of its points runs (warm-up and
 * `repeats` timed calls, each allowed the limit), a timer is armed; it calls `onLate` with that
 * point's n if the point does not finish in time. Every other progress message disarms it.
 */
export function kernelPointWatch(
  name: string,
  repeats: number,
  onLate: (n: number) => void,
): { progress: (p: SweepProgress) => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    progress: (p) => {
      stop();
      if (p.phase !== 'start' || p.variant !== name) return;
      const n = p.n;
      timer = setTimeout(() => onLate(n), (repeats + 1) * KERNEL_TIME_LIMIT_S * 1000);
    },
    stop,
  };
}
