/**
 * The layer explorer's data contract: what a forward pass of the small transformer reports for
 * one sequence, and what an accuracy run reports for a batch. Plain data (numbers, typed arrays)
 * so it crosses the worker boundary and feeds the charts without tfjs.
 *
 * Matrices are row-major Float32Array of T×T (query row, key column), T = tokens.length.
 */

export type NormPlacement = 'pre' | 'post';
export type ResidualMode = 'sum' | 'attnres';

/** Mixture-of-Depths routing: top ⌈capacity·T⌉ tokens by router score go through a routed block. */
export interface ModRouting {
  /** C/S in (0, 1]. */
  capacity: number;
  /** Indices of the layers whose blocks are routed. */
  layers: number[];
}

export interface ModelConfig {
  vocab: number;
  /** Largest sequence length the position embedding covers. */
  context: number;
  dModel: number;
  layers: number;
  heads: number;
  dMlp: number;
  norm: NormPlacement;
  residual: ResidualMode;
  mod: ModRouting | null;
  /** Mixture-of-Depths Attention: heads also attend to the same token's keys/values of earlier layers. */
  moda: boolean;
}

/** One shipped (or untrained) model, as the picker lists it. */
export interface ModelInfo {
  id: string;
  label: string;
  config: ModelConfig;
  /** False: randomly initialised weights; the screen must say so. */
  trained: boolean;
  /** Held-out task accuracy measured by the training script (null when untrained). */
  accuracy: number | null;
  /** Training provenance: steps, seed, wall time, date, tfjs backend. */
  training: Record<string, string | number> | null;
}

/** Residual-flow numbers for one sublayer (attention or MLP) of one layer. REFERENCE.md §4. */
export interface SublayerFlow {
  /** ‖x_l‖_F of the stream entering the sublayer (all tokens). */
  streamNorm: number;
  /** ρ = ‖Δ‖_F / ‖x_l‖_F. */
  relativeUpdate: number;
  /** cos(Δ, x_l) over the flattened T×d matrices. */
  alignment: number;
}

export interface LayerTrace {
  /** [heads] of T×T: the weights the chosen variant effectively applied (its output for V = I). */
  attention: Float32Array[];
  /** [heads] of T×T: exact causal softmax on the same Q and K. */
  exact: Float32Array[];
  attn: SublayerFlow;
  mlp: SublayerFlow;
  /** MoD: token indices routed through this layer's blocks (ascending); null when not routed. */
  routed: number[] | null;
  /** MoDA: [heads] mean softmax mass each head puts on depth keys; null without MoDA. */
  depthMass: number[] | null;
}

export interface Prediction {
  /** The top next-token candidates at this position, most likely first (probabilities). */
  top: { token: number; p: number }[];
}

export interface ForwardTrace {
  tokens: number[];
  /** The variant that replaced softmax ('dense' = exact) and its resolved parameters. */
  variant: string;
  params: Record<string, number>;
  layers: LayerTrace[];
  /** ‖x‖_F of the final stream, before the final norm. */
  finalNorm: number;
  /**
   * Additive shares s_c = ⟨Δ_c, x_L⟩/‖x_L‖² of the embedding and each sublayer in the final
   * stream; they sum to 1. Labels like "embed", "L1 attn", "L1 mlp".
   */
  shares: { label: string; value: number }[];
  /** T×T attention rollout R = Â_L⋯Â_1, Â = ½·mean over heads + ½I; rows sum to 1. */
  rollout: Float32Array;
  /**
   * AttnRes: α rows, one per sublayer input (row r: weights over the sources available to it,
   * embedding first, averaged over tokens); each row sums to 1. Null for the standard sum.
   * `labels` name the sources (embed, L1 attn, L1 mlp, …): row r has the first r + 1 of them.
   * `rowLabels` (optional) name the rows: "→ L1 attn" (its input) … "→ final" (the final norm's).
   */
  alpha: { labels: string[]; rows: number[][]; rowLabels?: string[] } | null;
  /** [T] next-token predictions at every position. */
  predictions: Prediction[];
  /** The MoD capacity C/S the forward routed with (MoD models only). */
  capacity?: number;
  /** The seed of the variant's random draw (seeded variants only: performer, lsh, …). */
  seed?: number;
}

export interface AccuracyReport {
  model: string;
  variant: string;
  params: Record<string, number>;
  sequences: number;
  seed: number;
  /** Fraction of task positions predicted correctly with exact softmax. */
  exactAccuracy: number;
  /** The same with the chosen variant in place of softmax. */
  variantAccuracy: number;
  /** The MoD capacity C/S both ran with (MoD models only). */
  capacity?: number;
  /** The seed of the variant's random draw, where it was not `seed` (seeded variants only). */
  variantSeed?: number;
}
