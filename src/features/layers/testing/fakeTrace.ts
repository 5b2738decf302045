import { modKeep, sublayerLabels } from '../../../core/model/config';
import { rollout } from '../../../core/model/residualFlow';
import type { ForwardTrace, LayerTrace, ModelConfig, ModelInfo } from '../../../core/model/trace';

/**
 * A deterministic stand-in for the worker's forward trace (tests only): layer 1 heads look at
 * the previous token, later heads at the token after the current token's earlier occurrence
 * (the induction pattern), a non-dense variant blurs those weights. Every identity of the
 * contract holds: causal rows sum to 1, shares sum to 1, rollout rows sum to 1.
 */

export const FAKE_CONFIG: ModelConfig = {
  vocab: 17,
  context: 32,
  dModel: 32,
  layers: 2,
  heads: 2,
  dMlp: 64,
  norm: 'pre',
  residual: 'sum',
  mod: null,
  moda: false,
};

export function fakeModel(patch: Partial<ModelConfig> = {}, id = 'prenorm'): ModelInfo {
  return {
    id,
    label: id,
    config: { ...FAKE_CONFIG, ...patch },
    trained: true,
    accuracy: 0.97,
    training: { steps: 3000, seed: 1, date: '2026-01-01', backend: 'cpu' },
  };
}

/** Row-softmax of logits under the causal mask. */
function causalSoftmax(logits: (i: number, j: number) => number, t: number): Float32Array {
  const out = new Float32Array(t * t);
  for (let i = 0; i < t; i++) {
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += Math.exp(logits(i, j));
    for (let j = 0; j <= i; j++) out[i * t + j] = Math.exp(logits(i, j)) / sum;
  }
  return out;
}

/** Key each query should attend to: previous token (layer 0) or after the earlier occurrence. */
function target(tokens: number[], layer: number, i: number): number {
  if (layer === 0) return Math.max(0, i - 1);
  for (let j = i - 1; j >= 0; j--) if (tokens[j] === tokens[i]) return Math.min(i, j + 1);
  return 0;
}

function blur(exact: Float32Array, t: number, amount: number): Float32Array {
  const out = new Float32Array(t * t);
  for (let i = 0; i < t; i++) {
    for (let j = 0; j <= i; j++)
      out[i * t + j] = (1 - amount) * exact[i * t + j] + amount / (i + 1);
  }
  return out;
}

export function fakeTrace(model: ModelInfo, tokens: number[], variant = 'dense'): ForwardTrace {
  const c = model.config;
  const t = tokens.length;
  const layers: LayerTrace[] = Array.from({ length: c.layers }, (_, l) => {
    const exact = Array.from({ length: c.heads }, (_, h) =>
      causalSoftmax((i, j) => (j === target(tokens, l, i) ? 4 - h : 0), t),
    );
    const amount = variant === 'dense' ? 0 : 0.5;
    const keep = c.mod?.layers.includes(l) ? modKeep(c.mod.capacity, t) : null;
    return {
      exact,
      attention: exact.map((e) => blur(e, t, amount)),
      attn: { streamNorm: 4 + 2 * l, relativeUpdate: 0.5 / (l + 1), alignment: 0.1 },
      mlp: { streamNorm: 5 + 2 * l, relativeUpdate: 0.3 / (l + 1), alignment: -0.05 },
      routed:
        keep === null ? null : Array.from({ length: keep }, (_, k) => k * 2).filter((k) => k < t),
      depthMass: c.moda
        ? Array.from({ length: c.heads }, (_, h) => (l === 0 ? 0 : 0.1 * (h + 1)))
        : null,
    };
  });
  const labels = ['embed', ...sublayerLabels(c)];
  const raw = labels.map((_, i) => (i === 1 ? -0.2 : 1 + (i % 3)));
  const total = raw.reduce((a, b) => a + b, 0);
  const shares = labels.map((label, i) => ({ label, value: raw[i] / total }));
  const alpha =
    c.residual === 'attnres'
      ? {
          labels,
          rows: Array.from({ length: labels.length }, (_, r) =>
            Array.from(
              { length: r + 1 },
              (_, j) => (j === 0 ? 0.5 : 0.5 / r) + (r === 0 ? 0.5 : 0),
            ),
          ),
        }
      : null;
  return {
    tokens,
    variant,
    params: {},
    layers,
    finalNorm: 9,
    shares,
    rollout: rollout(layers, t),
    alpha,
    predictions: tokens.map((tok, i) => ({
      top: [
        { token: tokens[i + 1 - (i % 5 === 4 ? 1 : 0)] ?? tok, p: 0.9 },
        { token: (tok + 1) % 16, p: 0.05 },
      ],
    })),
  };
}
