import * as tf from '@tensorflow/tfjs-core';
import { type AttentionInputs, type HeadBlock, headBlock } from '../core/headBlock';
import { median } from '../core/stats';
import { type OwnKernel, statedFlops } from '../core/userKernel/ownKernel';
import { MAX_DV } from '../core/userKernel/template';
import type { DeviceLimits } from '../core/variantSpec';
import { webgpuDevice } from './backend';
import { eventLoopTurn } from './eventLoopTurn';
import { CancelledError } from './measure';
import type { MeasuredRow, RefusedRow } from './results';
import { type CompiledKernel, compileKernel, prepareKernel } from './userKernel';

/**
 * The researcher's own kernel as one more variant of a sweep: compiled once per sweep on the
 * webgpu backend's device, then per n its buffers made, warm-up and timed calls, and the output
 * handed back for the error check. Its memory is the bytes of the GPU buffers it was given (it
 * makes none of its own), its FLOPs the cost its author stated.
 */

export const OWN_KERNEL_TIMING =
  'your own kernel: wall ms from queue submit until its output buffer is mapped; warm-up untimed first';

export interface OwnPointOptions {
  causal: boolean;
  warmup: number;
  repeats: number;
  limits?: DeviceLimits;
  shouldCancel?: () => boolean;
}

export type OwnPoint =
  | { row: RefusedRow; output: null }
  | { row: Omit<MeasuredRow, 'relError' | 'maxAbsError' | 'errorReference'>; output: HeadBlock };

/** Measures one kernel at the n of each call; compiles it at the first. */
export function ownKernelMeasurer(kernel: OwnKernel) {
  let compiled: Promise<{ ok: true; kernel: CompiledKernel } | { ok: false; why: string }> | null =
    null;
  const compile = () => {
    compiled ??= compileKernel(webgpuDevice(), kernel.body).then((r) => {
      if (r.ok) return r;
      const e = r.errors[0];
      const where = e.line > 0 ? `line ${e.line}: ` : '';
      return { ok: false as const, why: `it does not compile (${where}${e.message})` };
    });
    return compiled;
  };

  return async function measure(x: AttentionInputs, o: OwnPointOptions): Promise<OwnPoint> {
    const { heads, n, width: d } = x.q;
    const dv = x.v.width;
    const refuse = (why: string): OwnPoint => ({
      row: { variant: kernel.name, n, refused: why },
      output: null,
    });
    if (tf.getBackend() !== 'webgpu') {
      return refuse(`your own kernel runs on WebGPU only (this engine runs on ${tf.getBackend()})`);
    }
    if (dv > MAX_DV) return refuse(`dv = ${dv} is above the template's ${MAX_DV}`);
    const largest = 4 * heads * n * Math.max(d, dv);
    if (o.limits && largest > o.limits.maxStorageBufferBindingSize) {
      return refuse(
        `a ${largest}-byte buffer is above this device's storage binding limit of ${o.limits.maxStorageBufferBindingSize} bytes`,
      );
    }
    const c = await compile();
    if (!c.ok) return refuse(c.why);
    const runner = prepareKernel(webgpuDevice(), c.kernel, x, o.causal);
    const msAll: number[] = [];
    let last: Float32Array | null = null;
    try {
      for (let r = 0; r < o.warmup + o.repeats; r++) {
        await eventLoopTurn();
        if (o.shouldCancel?.()) throw new CancelledError('cancelled');
        const run = await runner.run();
        if (r >= o.warmup) msAll.push(run.ms);
        last = run.output;
      }
    } finally {
      runner.destroy();
    }
    const shape = { heads, n, d, dv };
    return {
      row: {
        variant: kernel.name,
        n,
        msMedian: median(msAll),
        msMin: Math.min(...msAll),
        msMax: Math.max(...msAll),
        msAll,
        peakBytes: runner.bytes,
        analyticBytes: 4 * heads * n * (2 * d + 2 * dv),
        analyticFlops: statedFlops(kernel, shape),
      },
      output: headBlock(heads, n, dv, last as Float32Array),
    };
  };
}
