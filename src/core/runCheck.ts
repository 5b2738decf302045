import type { ParamValues } from './params';
import type { AttentionShape, DeviceLimits, VariantSpec } from './variantSpec';

const MiB = 1024 * 1024;
const fmtMiB = (bytes: number) => `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MiB`;

/**
 * Why a call cannot run, checked before anything is allocated: causal support, the backend,
 * the variant's own constraints, then the device's largest buffer binding. Null when it can run.
 */
export function refusalReason(
  spec: VariantSpec,
  shape: AttentionShape,
  params: ParamValues,
  limits?: DeviceLimits,
  backend?: string,
): string | null {
  if (!Number.isInteger(shape.n) || shape.n < 1) return `n must be a positive integer`;
  if (!Number.isInteger(shape.d) || shape.d < 1) return `d must be a positive integer`;
  if (shape.causal && !spec.supportsCausal) {
    return `${spec.label} cannot be causal: it mixes every position before the softmax`;
  }
  if (backend && spec.backends && !spec.backends.includes(backend)) {
    return `${spec.label} runs only on ${spec.backends.join(', ')}; this run uses ${backend}`;
  }
  const own = spec.refusal(shape, params);
  if (own) return own;
  if (limits) {
    const largest = spec.largestTensorBytes(shape, params);
    const cap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    if (largest > cap) {
      return `${spec.label} at n = ${shape.n} needs a ${fmtMiB(largest)} buffer; this device binds at most ${fmtMiB(cap)}`;
    }
  }
  return null;
}
