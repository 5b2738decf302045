import * as tf from '@tensorflow/tfjs-core';
import { parameterSpecs } from '../../core/model/config';
import { initWeights, type WeightMap } from '../../core/model/init';
import { randomK, sampleSequence } from '../../core/model/task';
import type { ModelConfig } from '../../core/model/trace';
import { createRng, deriveSeed } from '../../core/rng';
import { softmaxAttention } from '../../engine/model/attentionFns';
import { forward } from '../../engine/model/forward';
import type { TensorMap } from '../../engine/model/layerOps';

/**
 * Training of one model on the copy task with tfjs in Node: Adam, linear warm-up then cosine
 * decay, one k per step (equal lengths batch without padding), loss = mean cross-entropy of the
 * second copy's predictions only (the first copy is random and carries no signal).
 */

export interface TrainSpec {
  steps: number;
  batch: number;
  lr: number;
  warmup: number;
  seed: number;
}

export interface TrainHooks {
  /** Called every `every` steps with the mean loss since the last call; true stops training. */
  onLog?: (
    step: number,
    loss: number,
    weights: () => Promise<WeightMap>,
  ) => Promise<boolean | undefined> | boolean | undefined;
  every?: number;
}

export const learningRate = (s: TrainSpec, step: number) => {
  if (step < s.warmup) return (s.lr * (step + 1)) / s.warmup;
  const t = (step - s.warmup) / Math.max(1, s.steps - s.warmup);
  return s.lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * t)));
};

function taskLoss(w: TensorMap, c: ModelConfig, batch: number[][]): tf.Scalar {
  const k = (batch[0].length - 1) / 2;
  const logits = forward(w, c, batch, { attention: softmaxAttention, record: false }).logits;
  const scored = tf.slice(logits, [0, k, 0], [-1, k, -1]); // positions k … 2k−1: [B, k, V]
  const targets = tf.oneHot(
    tf.tensor1d(
      batch.flatMap((s) => s.slice(k + 1)),
      'int32',
    ),
    c.vocab,
  ); // [B·k, V]
  const logp = tf.logSoftmax(tf.reshape(scored, [batch.length * k, c.vocab]));
  return tf.neg(tf.mean(tf.sum(tf.mul(targets, logp), 1))) as tf.Scalar;
}

export async function readWeights(vars: TensorMap): Promise<WeightMap> {
  const out: WeightMap = {};
  for (const [name, v] of Object.entries(vars)) out[name] = (await v.data()) as Float32Array;
  return out;
}

export interface TrainResult {
  weights: WeightMap;
  steps: number;
  /** Mean loss over the last logging interval. */
  loss: number;
}

export async function train(
  c: ModelConfig,
  spec: TrainSpec,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  // The union package registers every kernel gradient (tfjs-core's Node bundle registers
  // none); loaded here so other commands do not pay for it.
  await import('@tensorflow/tfjs');
  const init = initWeights(c, spec.seed);
  const vars: TensorMap = {};
  for (const { name, shape } of parameterSpecs(c)) {
    vars[name] = tf.variable(tf.tensor(init[name], shape, 'float32'), true, `w.${name}`);
  }
  const optimizer = tf.train.adam(spec.lr, 0.9, 0.98, 1e-8);
  // AdamOptimizer keeps its rate in a protected field; the schedule sets it each step.
  const rate = optimizer as unknown as { learningRate: number };
  const rng = createRng(deriveSeed(spec.seed, 'train-batches'));
  const every = hooks.every ?? 100;
  let sum = 0;
  let loss = Number.NaN;
  let steps = 0;
  try {
    for (let step = 0; step < spec.steps; step++) {
      const k = randomK(rng);
      const batch = Array.from({ length: spec.batch }, () => sampleSequence(rng, k, 'train'));
      rate.learningRate = learningRate(spec, step);
      const value = optimizer.minimize(() => taskLoss(vars, c, batch), true) as tf.Scalar;
      sum += (await value.data())[0];
      value.dispose();
      steps = step + 1;
      if (steps % every === 0 || steps === spec.steps) {
        loss = sum / ((step % every) + 1);
        sum = 0;
        if (await hooks.onLog?.(steps, loss, () => readWeights(vars))) break;
      }
    }
    return { weights: await readWeights(vars), steps, loss };
  } finally {
    optimizer.dispose();
    tf.dispose(Object.values(vars));
  }
}
