import { type AttentionInputs, headBlock } from '../core/headBlock';
import { maxAbsError, relativeError } from '../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../core/reference/dense';
import type { KernelMessage } from '../core/userKernel/template';
import { compileKernel, type KernelRun, prepareKernel } from './userKernel';

export type KernelCheck =
  | { compiled: false; errors: KernelMessage[] }
  | {
      compiled: true;
      warnings: KernelMessage[];
      maxAbsError: number;
      relError: number;
      /** Within the tolerance of float64 dense attention. */
      exact: boolean;
      msMedian: number;
      msAll: number[];
    };

export interface KernelCheckOptions {
  causal: boolean;
  repeats: number;
  /** Largest max-abs error against float64 dense attention that counts as exact. */
  tolerance: number;
  /** Wraps each call (the command line's time limit). */
  guard?: (call: Promise<KernelRun>) => Promise<KernelRun>;
}

/**
 * Compile a researcher's kernel; when it compiles, run it on q, k, v (one warm-up, then
 * `repeats` timed calls) and measure its error against float64 dense attention.
 */
export async function checkKernel(
  device: GPUDevice,
  body: string,
  inputs: AttentionInputs,
  opts: KernelCheckOptions,
): Promise<KernelCheck> {
  const compiled = await compileKernel(device, body);
  if (!compiled.ok) return { compiled: false, errors: compiled.errors };
  const guard = opts.guard ?? ((call) => call);
  const runner = prepareKernel(device, compiled.kernel, inputs, opts.causal);
  const msAll: number[] = [];
  let last: KernelRun;
  try {
    last = await guard(runner.run()); // warm-up
    for (let r = 0; r < opts.repeats; r++) {
      last = await guard(runner.run());
      msAll.push(last.ms);
    }
  } finally {
    runner.destroy();
  }
  const { heads, n } = inputs.q;
  const got = headBlock(heads, n, inputs.v.width, last.output);
  const exact = referenceAttention(inputs, opts.causal ? keepCausal : keepAll);
  const maxAbs = maxAbsError(got, exact);
  const sorted = [...msAll].sort((a, b) => a - b);
  return {
    compiled: true,
    warnings: compiled.kernel.warnings,
    maxAbsError: maxAbs,
    relError: relativeError(got, exact),
    exact: maxAbs <= opts.tolerance,
    msMedian: sorted[Math.floor((sorted.length - 1) / 2)],
    msAll,
  };
}
