import type * as tf from '@tensorflow/tfjs-core';
import type { ParamValues } from '../../core/params';
import type { VariantSpec } from '../../core/variantSpec';

export interface RunOptions {
  causal: boolean;
  /** Effective parameter values (defaults filled in; see core/params resolveParams). */
  params: ParamValues;
  /** Seed for variants with random projections, features, hashes or blocks. */
  seed: number;
}

/**
 * An attention variant on tfjs tensors. `run` takes q, k: [heads, n, d] and v: [heads, n, dv]
 * and returns the output [heads, n, dv]. It builds the graph synchronously, disposes every
 * intermediate tensor it made, and leaves the returned tensor to the caller.
 */
export interface AttentionVariant extends VariantSpec {
  run(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, opts: RunOptions): tf.Tensor3D;
}
