import { statedFlops } from '../../../core/userKernel/ownKernel';
import { findSpec } from '../../../core/variantSpecs';
import type { SweepJobConfig } from '../../../worker/sweepProtocol';

/**
 * What each point of a sweep costs by the variants' formulas (core/variantSpecs): the points in
 * the order the engine runs them, their calls and FLOPs, and a prior time at an assumed rate.
 * One model for the embed's reader-sized sweep and for the lab's time left.
 */

/** Calls per point besides the timed repeats: warm-up, memory profile, error reference. */
export const CALLS_BESIDES_REPEATS = 3;
/** Fixed cost of one call (dispatch, read-back) on a slow device, in ms. */
export const CALL_OVERHEAD_MS = 15;

export interface CostedPoint {
  variant: string;
  n: number;
  /** Calls the point makes (0 when the variant's spec refuses the shape: nothing runs). */
  calls: number;
  /** FLOPs of all those calls. */
  flops: number;
}

/** The sweep's points, n by n and dense first within each n, as the engine runs them. */
export function sweepPoints(c: SweepJobConfig): CostedPoint[] {
  const order = [...c.variants].sort((a, b) => Number(b === 'dense') - Number(a === 'dense'));
  return c.ns.flatMap((n) =>
    order.map((variant) => {
      const spec = findSpec(variant);
      const shape = { heads: c.heads, n, d: c.d, dv: c.d, causal: c.causal };
      const params = c.params?.[variant] ?? {};
      if (c.ownKernel && variant === c.ownKernel.name) {
        // Warm-up and timed calls only; its FLOPs as its author stated them.
        const calls = c.repeats + 1;
        return {
          variant,
          n,
          calls,
          flops: calls * statedFlops(c.ownKernel, { ...shape, dv: c.d }),
        };
      }
      if (!spec || spec.refusal(shape, params) !== null) return { variant, n, calls: 0, flops: 0 };
      const calls = c.repeats + CALLS_BESIDES_REPEATS;
      return { variant, n, calls, flops: calls * spec.cost(shape, params).flops };
    }),
  );
}

/** ms per FLOP at a sustained rate of `gflops` GFLOP/s. */
export const msPerFlop = (gflops: number) => 1 / (gflops * 1e6);

/** A point's time before anything is measured: its calls' overhead plus its FLOPs at `gflops`. */
export function priorPointMs(p: CostedPoint, gflops: number): number {
  return p.calls * CALL_OVERHEAD_MS + p.flops * msPerFlop(gflops);
}
