import { fusedAttention } from '../kernels/fusedAttention';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/** Exact attention as one WGSL program on the webgpu backend (see kernels/fusedAttentionProgram). */
export const fused: AttentionVariant = {
  ...specFor('fused'),
  run: (q, k, v, opts) => fusedAttention(q, k, v, opts.causal, opts.params.splits),
};
