import * as tf from '@tensorflow/tfjs-core';
import { modKeep } from '../../core/model/config';
import type { ModelConfig } from '../../core/model/trace';
import type { AttentionFn, HeadInputs } from './attentionFns';
import {
  add3,
  embed,
  layerNorm,
  linear,
  matMul3,
  mergeHeads,
  mlp,
  mul3,
  rmsNorm,
  splitHeads,
  type TensorMap,
} from './layerOps';
import { routeSelection } from './routing';

/**
 * The tfjs forward of the small transformer on a batch of equal-length sequences, synchronous
 * (so training can differentiate it); the caller wraps it in tf.tidy. Same architecture and
 * residual modes as core/model/reference.ts. With `record`, the tensors the trace needs come
 * back too (see core/model/record.ts for their meaning).
 */

export interface ForwardOptions {
  attention: AttentionFn;
  record: boolean;
}

export interface LayerTensors {
  map: tf.Tensor3D; // [B·H, n, n] (n = routed count on MoD layers)
  exact: tf.Tensor3D;
  /** MoD: the selection Sel [B, C, T]; null on other layers. */
  sel: tf.Tensor3D | null;
  depthMass: tf.Tensor1D | null; // [B·H]
}

export interface ForwardTensors {
  logits: tf.Tensor3D; // [B, T, vocab]
  layers: LayerTensors[];
  /** Sum modes: 2L + 1 streams [B, T, d]. */
  streams: tf.Tensor3D[];
  /** AttnRes: sources v_0…v_2L, inputs h_0…h_2L [B, T, d] and weights alpha[r] [B, T, r + 1]. */
  sources: tf.Tensor3D[];
  inputs: tf.Tensor3D[];
  alpha: tf.Tensor3D[];
}

export function forward(
  w: TensorMap,
  c: ModelConfig,
  tokens: readonly (readonly number[])[],
  opts: ForwardOptions,
): ForwardTensors {
  const { heads } = c;
  const depth: HeadInputs['depth'] = c.moda ? { k: [], v: [] } : null;
  const out: Omit<ForwardTensors, 'logits'> = {
    layers: [],
    streams: [],
    sources: [],
    inputs: [],
    alpha: [],
  };

  const attention = (l: number, u: tf.Tensor3D) => {
    const p = `l${l}.`;
    const q = splitHeads(linear(u, w[`${p}wq`]), heads); // [B·H, n, dh]
    const k = splitHeads(linear(u, w[`${p}wk`]), heads);
    const v = splitHeads(linear(u, w[`${p}wv`]), heads);
    const r = opts.attention({ q, k, v, depth }, opts.record);
    depth?.k.push(k);
    depth?.v.push(v);
    return { y: linear(mergeHeads(r.out, heads), w[`${p}wo`], w[`${p}bo`]), r };
  };
  const keep = (r: ReturnType<typeof attention>['r'], sel: tf.Tensor3D | null) => {
    if (!opts.record || !r.map || !r.exact) return;
    out.layers.push({ map: r.map, exact: r.exact, sel, depthMass: r.depthMass ?? null });
  };
  const ln = (x: tf.Tensor3D, name: string) => layerNorm(x, w[`${name}.g`], w[`${name}.b`]);

  let x = embed(w, tokens); // [B, T, d]
  out.streams.push(x);
  out.sources.push(x);
  // AttnRes: h = Σ_i α_i v_i, α = softmax_i(q_s · RMSNorm(v_i)) per token.
  const mix = (s: number) => {
    const d = c.dModel;
    const q = tf.reshape(tf.slice(w['attnres.w'], [s, 0], [1, d]), [d, 1]);
    const logits = out.sources.map((v) => linear(rmsNorm(v), q)); // each [B, T, 1]
    const alpha = tf.softmax(tf.concat(logits, 2)) as tf.Tensor3D; // [B, T, S]
    const h = out.sources
      .map((v, i) => mul3(tf.slice(alpha, [0, 0, i], [-1, -1, 1]), v))
      .reduce((a, b) => add3(a, b)) as tf.Tensor3D;
    out.inputs.push(h);
    out.alpha.push(alpha);
    return h;
  };

  for (let l = 0; l < c.layers; l++) {
    const p = `l${l}`;
    const routedAt = c.mod ? c.mod.layers.indexOf(l) : -1;
    if (c.mod && routedAt >= 0) {
      const [bs, t, d] = x.shape;
      const n = modKeep(c.mod.capacity, t);
      const router = tf.reshape(tf.slice(w.router, [routedAt, 0], [1, d]), [d, 1]);
      const scores = linear(x, router); // [B, T, 1]
      const sel = routeSelection(tf.reshape(scores, [bs, t]), n); // [B, C, T]
      const xs = matMul3(sel, x); // [B, C, d] routed tokens, in order
      const rs = matMul3(sel, scores); // [B, C, 1] their router scores
      const a = attention(l, ln(xs, `${p}.ln1`));
      const m = mlp(w, l, ln(add3(xs, a.y), `${p}.ln2`));
      const x1 = add3(x, matMul3(sel, mul3(rs, a.y), true, false)); // back to [B, T, d]
      const x2 = add3(x1, matMul3(sel, mul3(rs, m), true, false));
      out.streams.push(x1, x2);
      x = x2;
      keep(a.r, sel);
      continue;
    }
    if (c.residual === 'attnres') {
      const a = attention(l, ln(mix(2 * l), `${p}.ln1`));
      out.sources.push(a.y);
      out.sources.push(mlp(w, l, ln(mix(2 * l + 1), `${p}.ln2`)));
      keep(a.r, null);
      continue;
    }
    let x1: tf.Tensor3D;
    let x2: tf.Tensor3D;
    let a: ReturnType<typeof attention>;
    if (c.norm === 'pre') {
      a = attention(l, ln(x, `${p}.ln1`));
      x1 = add3(x, a.y);
      x2 = add3(x1, mlp(w, l, ln(x1, `${p}.ln2`)));
    } else {
      a = attention(l, x);
      x1 = ln(add3(x, a.y), `${p}.ln1`);
      x2 = ln(add3(x1, mlp(w, l, x1)), `${p}.ln2`);
    }
    out.streams.push(x1, x2);
    x = x2;
    keep(a.r, null);
  }
  const final = c.residual === 'attnres' ? mix(2 * c.layers) : x;
  return { ...out, logits: linear(ln(final, 'lnf'), w.unembed) };
}
