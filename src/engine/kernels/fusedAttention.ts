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

/**
 * Exact attention on the webgpu backend: q, k [heads, n, d], v [heads, n, dv]. One pass, or with
 * `splits` > 1 a pass per key range and a combine pass (see splitPlan for the splits run).
 */
export function fusedAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
  splits = 1,
): tf.Tensor3D {
  const [heads, n, d] = q.shape;
  const dv = v.shape[2];
  const refusal = fusedRefusal(d, dv);
  if (refusal) throw new Error(refusal);
  const backend = tf.backend() as unknown as WebGPUBackend;
  const plan = splitPlan(n, d, dv, splits);
  const program = new FusedAttentionProgram(heads, n, d, dv, causal, plan.splits);
  const uniforms = [
    { type: 'int32', data: [n] },
    { type: 'float32', data: [1 / Math.sqrt(d)] },
    { type: 'int32', data: [plan.splits] },
    { type: 'int32', data: [plan.chunk] },
  ];
  const info = backend.runWebGPUProgram(program, [q, k, v], 'float32', uniforms);
  const first = tf.engine().makeTensorFromTensorInfo(info);
  if (plan.splits === 1) return first as tf.Tensor3D;
  // The combine pass runs as a registered kernel so that tf.profile takes a memory snapshot while
  // the partials are live: the measured peak then counts them.
  registerCombineKernel();
  const out = tf.engine().runKernel(COMBINE_KERNEL, { partial: first }, {});
  first.dispose();
  return out as tf.Tensor3D;
}

const COMBINE_KERNEL = 'FusedAttentionCombine';

function registerCombineKernel(): void {
  if (tf.getKernel(COMBINE_KERNEL, 'webgpu')) return;
  tf.registerKernel({
    kernelName: COMBINE_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend }) => {
      const partial = inputs.partial as tf.TensorInfo;
      const [heads, splits, n, dvPlus2] = partial.shape; // [heads, splits, n, dv + 2]
      const program = new FusedCombineProgram(heads, n, dvPlus2 - 2);
      return (backend as unknown as WebGPUBackend).runWebGPUProgram(program, [partial], 'float32', [
        { type: 'int32', data: [n] },
        { type: 'int32', data: [splits] },
      ]);
    },
  });
}

/** Pipelines compiled so far by the webgpu backend (to check one compile per shape class). */
export function compiledPipelineKeys(): string[] {
  const backend = tf.backend() as unknown as { pipelineCache?: Record<string, unknown> };
  return Object.keys(backend.pipelineCache ?? {});
}
