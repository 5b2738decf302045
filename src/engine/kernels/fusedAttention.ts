import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { splitPlan } from '../../core/fusedPlan';
import { refusalReason } from '../../core/runCheck';
import { specFor } from '../variants/specFor';
import { FusedAttentionProgram } from './fusedAttentionProgram';
import { FusedCombineProgram } from './fusedCombineProgram';

/** Why the fused kernel cannot run here (backend, widths), or null: the spec's own check. */
export function fusedRefusal(d: number, dv: number): string | null {
  const shape = { heads: 1, n: 1, d, dv, causal: false };
  return refusalReason(specFor('fused'), shape, {}, undefined, tf.getBackend());
}

const MAIN_KERNEL = 'FusedAttention';
const COMBINE_KERNEL = 'FusedAttentionCombine';

/**
 * Exact attention on the webgpu backend: q, k [heads, n, d], v [heads, n, dv]. One pass, or with
 * `splits` > 1 a pass per key range and a combine pass (see splitPlan for the splits run). Both
 * passes are tfjs kernels (registerFusedKernels), so tf.profile and tf.memory count them alike.
 */
export function fusedAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
  splits = 1,
): tf.Tensor3D {
  const [, n, d] = q.shape;
  const dv = v.shape[2];
  const refusal = fusedRefusal(d, dv);
  if (refusal) throw new Error(refusal);
  const plan = splitPlan(n, d, dv, splits);
  const first = tf
    .engine()
    .runKernel(MAIN_KERNEL, { q, k, v }, { causal, splits: plan.splits }) as tf.Tensor;
  if (plan.splits === 1) return first as tf.Tensor3D;
  const out = tf.engine().runKernel(COMBINE_KERNEL, { partial: first }, {});
  first.dispose();
  return out as tf.Tensor3D;
}

/**
 * Registers both passes with the webgpu backend; called when that backend is registered (and safe
 * to call again). The main pass writes the output, or with splits > 1 the per-range partials
 * [heads, splits, n, dv + 2] that the combine pass merges.
 */
export function registerFusedKernels(): void {
  if (!tf.getKernel(MAIN_KERNEL, 'webgpu')) {
    tf.registerKernel({
      kernelName: MAIN_KERNEL,
      backendName: 'webgpu',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { q, k, v } = inputs as Record<'q' | 'k' | 'v', tf.TensorInfo>;
        const [heads, n, d] = q.shape;
        const dv = v.shape[2];
        const causal = Boolean(attrs?.causal);
        const plan = splitPlan(n, d, dv, Number(attrs?.splits ?? 1));
        const program = new FusedAttentionProgram(heads, n, d, dv, causal, plan.splits);
        return (backend as unknown as WebGPUBackend).runWebGPUProgram(
          program,
          [q, k, v],
          'float32',
          [
            { type: 'int32', data: [n] },
            { type: 'float32', data: [1 / Math.sqrt(d)] },
            { type: 'int32', data: [plan.splits] },
            { type: 'int32', data: [plan.chunk] },
          ],
        );
      },
    });
  }
  if (!tf.getKernel(COMBINE_KERNEL, 'webgpu')) {
    tf.registerKernel({
      kernelName: COMBINE_KERNEL,
      backendName: 'webgpu',
      kernelFunc: ({ inputs, backend }) => {
        const partial = inputs.partial as tf.TensorInfo;
        const [heads, splits, n, dvPlus2] = partial.shape; // [heads, splits, n, dv + 2]
        const program = new FusedCombineProgram(heads, n, dvPlus2 - 2);
        return (backend as unknown as WebGPUBackend).runWebGPUProgram(
          program,
          [partial],
          'float32',
          [
            { type: 'int32', data: [n] },
            { type: 'int32', data: [splits] },
          ],
        );
      },
    });
  }
}

/** Pipelines compiled so far by the webgpu backend (to check one compile per shape class). */
export function compiledPipelineKeys(): string[] {
  const backend = tf.backend() as unknown as { pipelineCache?: Record<string, unknown> };
  return Object.keys(backend.pipelineCache ?? {});
}
