import { createRng } from '../rng';
import { initWeights } from './init';
import type { ModelConfig } from './trace';
import type { ModelWeights } from './weights';

/** Small random models for the model tests (every weight perturbed, gains and biases too). */

export const SMALL: ModelConfig = {
  vocab: 17,
  context: 32,
  dModel: 16,
  layers: 3,
  heads: 2,
  dMlp: 24,
  norm: 'pre',
  residual: 'sum',
  mod: null,
  moda: false,
};

export const SMALL_VARIANTS: Record<string, Partial<ModelConfig>> = {
  pre: {},
  post: { norm: 'post' },
  attnres: { residual: 'attnres' },
  mod: { mod: { capacity: 0.5, layers: [0, 2] } },
  moda: { moda: true },
};

export function randomModel(overrides: Partial<ModelConfig>, seed = 3): ModelWeights {
  const config = { ...SMALL, ...overrides };
  const tensors = initWeights(config, seed);
  const rng = createRng(seed + 101);
  for (const t of Object.values(tensors))
    for (let i = 0; i < t.length; i++) t[i] += 0.2 * rng.normal();
  return {
    info: { id: 'test', label: 'test', config, trained: false, accuracy: null, training: null },
    tensors,
  };
}
