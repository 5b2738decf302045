import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { refusalReason } from '../../core/runCheck';
import { specFor } from '../variants/specFor';
import { FusedAttentionProgram } from './fusedAttentionProgram';

/** Why the fused kernel cannot run here (backend, widths), or null: the spec's own check. */
export function fusedRefusal(d: number, dv: number): string | null {
  const shape = { heads: 1, n: 1, d, dv, causal: false };
  return refusalReason(specFor('fused'), shape, {}, undefined, tf.getBackend());
}

/** One-pass exact attention on the webgpu backend: q, k [heads, n, d], v [heads, n, dv]. */
export function fusedAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
): tf.Tensor3D {
  const [heads, n, d] = q.shape;
  const dv = v.shape[2];
  const refusal = fusedRefusal(d, dv);
  if (refusal) throw new Error(refusal);
  const backend = tf.backend() as unknown as WebGPUBackend;
  const program = new FusedAttentionProgram(heads, n, d, dv, causal);
  const uniforms = [
    { type: 'int32', data: [n] },
    { type: 'float32', data: [1 / Math.sqrt(d)] },
  ];
  const info = backend.runWebGPUProgram(program, [q, k, v], 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor3D;
}

/** Pipelines compiled so far by the webgpu backend (to check one compile per shape class). */
export function compiledPipelineKeys(): string[] {
  const backend = tf.backend() as unknown as { pipelineCache?: Record<string, unknown> };
  return Object.keys(backend.pipelineCache ?? {});
}
