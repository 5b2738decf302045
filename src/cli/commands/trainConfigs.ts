import { CONTEXT, VOCAB } from '../../core/model/task';
import type { ModelConfig } from '../../core/model/trace';
import type { TrainSpec } from './trainLoop';

/** The models `npm run train` produces, in training order (the default PreNorm model first). */

export const BASE_CONFIG: ModelConfig = {
  vocab: VOCAB,
  context: CONTEXT,
  dModel: 64,
  layers: 4,
  heads: 4,
  dMlp: 128,
  norm: 'pre',
  residual: 'sum',
  mod: null,
  moda: false,
};

export interface ModelPlan {
  id: string;
  label: string;
  config: ModelConfig;
  train: TrainSpec;
}

const SPEC: TrainSpec = { steps: 1500, batch: 16, lr: 2e-3, warmup: 100, seed: 1 };

export const MODEL_PLANS: readonly ModelPlan[] = [
  { id: 'pre', label: 'PreNorm', config: BASE_CONFIG, train: SPEC },
  { id: 'post', label: 'PostNorm', config: { ...BASE_CONFIG, norm: 'post' }, train: SPEC },
  {
    id: 'attnres',
    label: 'Attention Residuals (AttnRes)',
    config: { ...BASE_CONFIG, residual: 'attnres' },
    train: SPEC,
  },
  {
    // Routed layers 2 and 4 keep half the tokens; layers 1 and 3 see every token, so the
    // induction circuit (previous-token head, then induction head) can form there.
    id: 'mod',
    label: 'Mixture-of-Depths (50% on layers 2, 4)',
    config: { ...BASE_CONFIG, mod: { capacity: 0.5, layers: [1, 3] } },
    train: SPEC,
  },
  {
    id: 'moda',
    label: 'Mixture-of-Depths Attention (MoDA)',
    config: { ...BASE_CONFIG, moda: true },
    train: SPEC,
  },
];

/** Held-out evaluation the training script records (a seed the tests do not use). */
export const EVAL = { sequences: 512, seed: 7 } as const;
