import { shown } from '../schemas/issues';
import type { ModelConfig } from './trace';

/**
 * The model's parameter list and the configurations the forward passes support.
 *
 * Architecture (shared by the float64 reference and the tfjs forward): token + learned position
 * embeddings; per layer an attention sublayer (q, k, v without bias, output projection with
 * bias) and a ReLU MLP; final LayerNorm (ε = 1e-5) and an unembedding without bias.
 */

export const LN_EPS = 1e-5;
/** ε of the RMSNorm inside the AttnRes depth softmax. */
export const RMS_EPS = 1e-6;

export interface TensorSpec {
  name: string;
  shape: number[];
}

/** Why the forward passes cannot run this configuration, or null. */
export function configProblem(c: ModelConfig): string | null {
  const ints: [string, number, number][] = [
    ['vocab', 2, 4096],
    ['context', 1, 4096],
    ['dModel', 1, 1024],
    ['layers', 1, 32],
    ['heads', 1, 64],
    ['dMlp', 1, 8192],
  ];
  for (const [key, lo, hi] of ints) {
    const v = (c as unknown as Record<string, unknown>)[key];
    if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi) {
      return `config.${key} must be an integer in [${lo}, ${hi}], got ${shown(v)}`;
    }
  }
  if (c.dModel % c.heads !== 0) {
    return `config.dModel (${c.dModel}) must be a multiple of heads (${c.heads})`;
  }
  if (c.norm !== 'pre' && c.norm !== 'post') return `config.norm must be "pre" or "post"`;
  if (c.residual !== 'sum' && c.residual !== 'attnres') {
    return `config.residual must be "sum" or "attnres"`;
  }
  if (typeof c.moda !== 'boolean') return 'config.moda must be true or false';
  // AttnRes replaces the sum that PostNorm normalises: only the PreNorm form is defined.
  if (c.residual === 'attnres' && c.norm !== 'pre') return 'AttnRes is defined for PreNorm only';
  if (c.mod !== null) {
    const { capacity, layers } = c.mod ?? {};
    if (typeof capacity !== 'number' || !(capacity > 0 && capacity <= 1)) {
      return `config.mod.capacity must be in (0, 1], got ${shown(capacity)}`;
    }
    if (
      !Array.isArray(layers) ||
      layers.length === 0 ||
      !layers.every(
        (l, i) => Number.isInteger(l) && l >= 0 && l < c.layers && (i === 0 || l > layers[i - 1]),
      )
    ) {
      return `config.mod.layers must be ascending layer indices in [0, ${c.layers - 1}]`;
    }
    if (c.norm !== 'pre' || c.residual !== 'sum' || c.moda) {
      return 'Mixture-of-Depths is supported with PreNorm, the standard residual sum and no MoDA';
    }
  }
  return null;
}

export const sublayerCount = (c: ModelConfig) => 2 * c.layers;

/** Every weight tensor of a configuration, in file order. */
export function parameterSpecs(c: ModelConfig): TensorSpec[] {
  const d = c.dModel;
  const specs: TensorSpec[] = [
    { name: 'tokEmb', shape: [c.vocab, d] },
    { name: 'posEmb', shape: [c.context, d] },
  ];
  for (let l = 0; l < c.layers; l++) {
    const p = `l${l}.`;
    specs.push(
      { name: `${p}ln1.g`, shape: [d] },
      { name: `${p}ln1.b`, shape: [d] },
      { name: `${p}wq`, shape: [d, d] },
      { name: `${p}wk`, shape: [d, d] },
      { name: `${p}wv`, shape: [d, d] },
      { name: `${p}wo`, shape: [d, d] },
      { name: `${p}bo`, shape: [d] },
      { name: `${p}ln2.g`, shape: [d] },
      { name: `${p}ln2.b`, shape: [d] },
      { name: `${p}w1`, shape: [d, c.dMlp] },
      { name: `${p}b1`, shape: [c.dMlp] },
      { name: `${p}w2`, shape: [c.dMlp, d] },
      { name: `${p}b2`, shape: [d] },
    );
  }
  specs.push(
    { name: 'lnf.g', shape: [d] },
    { name: 'lnf.b', shape: [d] },
    { name: 'unembed', shape: [d, c.vocab] },
  );
  // One pseudo-query per sublayer input plus one for the final norm's input.
  if (c.residual === 'attnres') specs.push({ name: 'attnres.w', shape: [sublayerCount(c) + 1, d] });
  if (c.mod) specs.push({ name: 'router', shape: [c.mod.layers.length, d] });
  return specs;
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Row labels of the sublayers: "L1 attn", "L1 mlp", … (layers counted from 1). */
export function sublayerLabels(c: ModelConfig): string[] {
  return Array.from({ length: sublayerCount(c) }, (_, s) => {
    return `L${Math.floor(s / 2) + 1} ${s % 2 === 0 ? 'attn' : 'mlp'}`;
  });
}

/** MoD capacities C/S a routed model can run at (the routers keep their trained weights). */
export const MOD_CAPACITIES: readonly number[] = [0.125, 0.25, 0.5, 0.75, 1];

/**
 * The model as it runs with another MoD capacity at inference: same weights, each routed layer
 * keeps the top ⌈C·T⌉ tokens. Unchanged when no capacity is given or the model does not route.
 */
export function atCapacity<T extends { config: ModelConfig }>(m: T, capacity?: number | null): T {
  const mod = m.config.mod;
  if (capacity === undefined || capacity === null || !mod || mod.capacity === capacity) return m;
  return { ...m, config: { ...m.config, mod: { ...mod, capacity } } };
}

/** Tokens a routed MoD layer keeps: ⌈capacity·T⌉, at least 1. */
export const modKeep = (capacity: number, t: number) =>
  Math.max(1, Math.min(t, Math.ceil(capacity * t - 1e-9)));
