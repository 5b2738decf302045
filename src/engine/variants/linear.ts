import * as tf from '@tensorflow/tfjs-core';
import { featureAttention } from './featureAttention';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/** Linear transformer (Katharopoulos et al. 2020): φ(x) = elu(x) + 1 on q and k as given. */
export const linear: AttentionVariant = {
  ...specFor('linear'),
  run: (q, k, v, opts) =>
    tf.tidy(() => {
      const phiQ = tf.add(tf.elu(q), 1) as tf.Tensor3D; // [heads, n, d]
      const phiK = tf.add(tf.elu(k), 1) as tf.Tensor3D;
      return featureAttention(phiQ, phiK, v, opts.causal);
    }),
};
