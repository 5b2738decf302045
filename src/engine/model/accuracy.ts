import * as tf from '@tensorflow/tfjs-core';
import { sampleSequences, taskPositions } from '../../core/model/task';
import type { AccuracyReport } from '../../core/model/trace';
import type { ModelWeights } from '../../core/model/weights';
import type { DeviceLimits } from '../../core/variantSpec';
import { softmaxAttention } from './attentionFns';
import { forward } from './forward';
import type { TensorMap } from './layerOps';
import { disposeMap, toTensorMap } from './modelTensors';
import { checkTokens, prepareModelAttention } from './prepare';

/**
 * Held-out task accuracy of a model with exact softmax and with a variant in its place. The
 * sequences come from the held-out split (core/model/task splitOf), seeded; equal lengths are
 * batched (batch folded into the heads axis of the variant call, one forward per length).
 */

export interface AccuracyOptions {
  variant: string;
  params?: Readonly<Record<string, number>>;
  sequences: number;
  /** Seeds the held-out sequences, and the variant's random draw unless variantSeed is given. */
  seed: number;
  /** Seeds the variant's random features, projections, hashes or blocks. */
  variantSeed?: number;
  /** Largest batch per forward. */
  batch?: number;
  limits?: DeviceLimits;
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** Correct task-position predictions in a batch of equal-length sequences. */
async function scoreBatch(
  w: TensorMap,
  weights: ModelWeights,
  batch: number[][],
  attention: Parameters<typeof forward>[3]['attention'],
): Promise<{ correct: number; total: number }> {
  const c = weights.info.config;
  const logits = tf.tidy(() => forward(w, c, batch, { attention, record: false }).logits);
  let data: Float32Array;
  try {
    data = (await logits.data()) as Float32Array;
  } finally {
    logits.dispose();
  }
  const t = batch[0].length;
  let correct = 0;
  let total = 0;
  batch.forEach((tokens, b) => {
    for (const p of taskPositions(tokens)) {
      const row = data.subarray((b * t + p) * c.vocab, (b * t + p + 1) * c.vocab);
      let best = 0;
      for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
      correct += best === tokens[p + 1] ? 1 : 0;
      total += 1;
    }
  });
  return { correct, total };
}

export async function taskAccuracy(
  weights: ModelWeights,
  opts: AccuracyOptions,
): Promise<AccuracyReport> {
  const c = weights.info.config;
  const seqs = sampleSequences(opts.sequences, opts.seed, 'heldout');
  const byLength = new Map<number, number[][]>();
  for (const s of seqs) byLength.set(s.length, [...(byLength.get(s.length) ?? []), s]);
  const maxBatch = opts.batch ?? 64;
  const batches = [...byLength.values()].flatMap((group) =>
    Array.from({ length: Math.ceil(group.length / maxBatch) }, (_, i) =>
      group.slice(i * maxBatch, (i + 1) * maxBatch),
    ),
  );
  // Refuse before anything runs: every length and batch size must be accepted.
  const prepared = batches.map((b) => {
    checkTokens(c, b[0]);
    return prepareModelAttention(c, b[0].length, opts.variant, opts.params ?? {}, {
      batch: b.length,
      seed: opts.variantSeed ?? opts.seed,
      limits: opts.limits,
    });
  });
  const exactOnly = opts.variant === 'dense';
  const w = toTensorMap(c, weights.tensors);
  const exact = { correct: 0, total: 0 };
  const approx = { correct: 0, total: 0 };
  try {
    for (const [i, batch] of batches.entries()) {
      if (opts.shouldCancel?.()) throw new CancelledError('cancelled');
      const e = await scoreBatch(w, weights, batch, softmaxAttention);
      const v = exactOnly ? e : await scoreBatch(w, weights, batch, prepared[i].attention);
      exact.correct += e.correct;
      exact.total += e.total;
      approx.correct += v.correct;
      approx.total += v.total;
      opts.onProgress?.(i + 1, batches.length);
    }
  } finally {
    disposeMap(w);
  }
  return {
    model: weights.info.id,
    variant: opts.variant,
    params: prepared[0]?.params ?? {},
    sequences: seqs.length,
    seed: opts.seed,
    exactAccuracy: exact.total ? exact.correct / exact.total : 0,
    variantAccuracy: approx.total ? approx.correct / approx.total : 0,
    ...(c.mod ? { capacity: c.mod.capacity } : {}),
    ...(opts.variantSeed !== undefined ? { variantSeed: opts.variantSeed } : {}),
  };
}
