import { createRng, deriveSeed } from '../rng';
import { parameterSpecs, sizeOf } from './config';
import type { ModelConfig } from './trace';

/** Named weight tensors, row-major float32 (shapes from config.parameterSpecs). */
export type WeightMap = Record<string, Float32Array>;

/**
 * Seeded initialisation: LayerNorm gains 1, biases 0; projections N(0, 1/fan_in), the two
 * projections that write into the residual stream (wo, w2) further scaled by 1/√(2L) so the
 * stream does not grow with depth; AttnRes pseudo-queries 0 (uniform mixing at the start).
 */
export function initWeights(config: ModelConfig, seed: number): WeightMap {
  const rng = createRng(deriveSeed(seed, 'model-init'));
  const depthScale = 1 / Math.sqrt(2 * config.layers);
  const out: WeightMap = {};
  for (const { name, shape } of parameterSpecs(config)) {
    const data = new Float32Array(sizeOf(shape));
    const leaf = name.slice(name.lastIndexOf('.') + 1);
    let std = 0;
    if (name.endsWith('.g')) data.fill(1);
    else if (name === 'tokEmb' || name === 'posEmb') std = 0.5;
    else if (name === 'attnres.w' || shape.length === 1) std = 0;
    else if (name === 'router') std = 1 / Math.sqrt(config.dModel);
    else {
      std = 1 / Math.sqrt(shape[0]);
      if (leaf === 'wo' || leaf === 'w2') std *= depthScale;
    }
    if (std > 0) for (let i = 0; i < data.length; i++) data[i] = std * rng.normal();
    out[name] = data;
  }
  return out;
}
