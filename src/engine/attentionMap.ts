import type { HeadBlock } from '../core/headBlock';
import { identityBlock } from '../core/identityBlock';
import type { DeviceLimits } from '../core/variantSpec';
import { runAttention } from './runAttention';

/**
 * A variant's attention weights on q and k: the variant run with V = I, so its output is the
 * heads × n × n weights it applies (refused, with the reason, as any call beyond the device).
 */
export interface AttentionMapCall {
  variant: string;
  params?: Readonly<Record<string, number>>;
  causal: boolean;
  seed: number;
  q: HeadBlock<Float32Array>;
  k: HeadBlock<Float32Array>;
}

export async function attentionMap(
  req: AttentionMapCall,
  limits?: DeviceLimits,
): Promise<Float32Array> {
  const { q, k } = req;
  const result = await runAttention({
    variant: req.variant,
    inputs: { q, k, v: identityBlock(q.heads, q.n) },
    causal: req.causal,
    params: req.params,
    seed: req.seed,
    limits,
  });
  return result.output.data;
}
