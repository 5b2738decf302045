import { modKeep } from './config';
import type { WeightMap } from './init';
import { add, gatherRows, layerNorm, matmul, rmsNorm, softmaxInPlace, topIndices } from './ops64';
import { assembleTrace, type ForwardRecord, type LayerRecord } from './record';
import { type DepthKv, referenceAttention, referenceMlp } from './refAttention';
import type { ForwardTrace, ModelConfig } from './trace';
import type { ModelWeights } from './weights';

/**
 * The float64 reference forward of the small decoder-only transformer (exact causal softmax):
 * the ground truth the tfjs forward is tested against. See config.ts for the architecture and
 * record.ts for what each residual mode records.
 */

function embed(w: WeightMap, tokens: readonly number[], d: number): Float64Array {
  const x = new Float64Array(tokens.length * d);
  tokens.forEach((tok, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = w.tokEmb[tok * d + j] + w.posEmb[i * d + j];
  });
  return x;
}

/** AttnRes: h = Σ_i α_i v_i with α = softmax_i(q · RMSNorm(v_i)) per token. Returns h and α [T, S]. */
function depthMix(sources: Float64Array[], q: Float32Array, t: number, d: number) {
  const s = sources.length;
  const normed = sources.map((v) => rmsNorm(v, d));
  const alpha = new Float64Array(t * s);
  const h = new Float64Array(t * d);
  for (let i = 0; i < t; i++) {
    const logits = normed.map((v) => {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q[j] * v[i * d + j];
      return dot;
    });
    softmaxInPlace(logits).forEach((a, c) => {
      alpha[i * s + c] = a;
      for (let j = 0; j < d; j++) h[i * d + j] += a * sources[c][i * d + j];
    });
  }
  return { h, alpha };
}

/** Embed an n×n per-head map of routed tokens into T×T (zero elsewhere). */
function scatterMap(m: Float64Array, idx: readonly number[], t: number): Float64Array {
  const out = new Float64Array(t * t);
  idx.forEach((i, a) => {
    idx.forEach((j, b) => {
      out[i * t + j] = m[a * idx.length + b];
    });
  });
  return out;
}

export function referenceForward(weights: ModelWeights, tokens: readonly number[]): ForwardRecord {
  const c: ModelConfig = weights.info.config;
  const w = weights.tensors;
  const { dModel: d, heads, dMlp } = c;
  const t = tokens.length;
  const ln = (x: Float64Array, name: string) => layerNorm(x, w[`${name}.g`], w[`${name}.b`], d);
  const layers: LayerRecord[] = [];
  const depth: DepthKv | null = c.moda ? { k: [], v: [] } : null;
  let x = embed(w, tokens, d);
  const streams = [x];
  const sources = [x];
  const inputs: Float64Array[] = [];
  const alpha: Float64Array[] = [];
  const mix = (s: number) => {
    const q = w['attnres.w'].subarray(s * d, (s + 1) * d);
    const m = depthMix(sources, q, t, d);
    inputs.push(m.h);
    alpha.push(m.alpha);
    return m.h;
  };
  for (let l = 0; l < c.layers; l++) {
    const p = `l${l}`;
    const routedAt = c.mod ? c.mod.layers.indexOf(l) : -1;
    if (routedAt >= 0 && c.mod) {
      // Mixture-of-Depths: only the top ⌈C·T⌉ tokens by r = wᵀx go through the block, in order.
      const r = matmul(x, w.router.subarray(routedAt * d, (routedAt + 1) * d), t, d, 1);
      const idx = topIndices(r, modKeep(c.mod.capacity, t));
      const n = idx.length;
      const xs = gatherRows(x, idx, d);
      const att = referenceAttention(w, l, ln(xs, `${p}.ln1`), n, d, heads, null);
      const mlp = referenceMlp(w, l, ln(add(xs, att.out), `${p}.ln2`), n, d, dMlp);
      const x1 = Float64Array.from(x);
      idx.forEach((i, a) => {
        for (let j = 0; j < d; j++) x1[i * d + j] += r[i] * att.out[a * d + j];
      });
      const x2 = Float64Array.from(x1);
      idx.forEach((i, a) => {
        for (let j = 0; j < d; j++) x2[i * d + j] += r[i] * mlp[a * d + j];
      });
      streams.push(x1, x2);
      x = x2;
      const maps = att.maps.map((m) => scatterMap(m, idx, t));
      layers.push({ attention: maps, exact: maps, routed: idx, depthMass: null });
      continue;
    }
    let att: ReturnType<typeof referenceAttention>;
    if (c.residual === 'attnres') {
      att = referenceAttention(w, l, ln(mix(2 * l), `${p}.ln1`), t, d, heads, depth);
      sources.push(att.out);
      sources.push(referenceMlp(w, l, ln(mix(2 * l + 1), `${p}.ln2`), t, d, dMlp));
    } else if (c.norm === 'pre') {
      att = referenceAttention(w, l, ln(x, `${p}.ln1`), t, d, heads, depth);
      const x1 = add(x, att.out);
      const x2 = add(x1, referenceMlp(w, l, ln(x1, `${p}.ln2`), t, d, dMlp));
      streams.push(x1, x2);
      x = x2;
    } else {
      att = referenceAttention(w, l, x, t, d, heads, depth);
      const x1 = ln(add(x, att.out), `${p}.ln1`);
      const x2 = ln(add(x1, referenceMlp(w, l, x1, t, d, dMlp)), `${p}.ln2`);
      streams.push(x1, x2);
      x = x2;
    }
    depth?.k.push(att.k);
    depth?.v.push(att.v);
    layers.push({ attention: att.maps, exact: att.maps, routed: null, depthMass: att.depthMass });
  }
  const final = c.residual === 'attnres' ? mix(2 * c.layers) : x;
  const logits = matmul(ln(final, 'lnf'), w.unembed, t, d, c.vocab);
  return {
    tokens: [...tokens],
    dModel: d,
    vocab: c.vocab,
    layers,
    residual:
      c.residual === 'attnres'
        ? { mode: 'attnres', sources, inputs, alpha }
        : { mode: 'sum', streams },
    logits,
  };
}

/** The reference forward's trace (variant 'dense': exact softmax everywhere). */
export function referenceTrace(weights: ModelWeights, tokens: readonly number[]): ForwardTrace {
  return assembleTrace(referenceForward(weights, tokens), 'dense', {});
}
