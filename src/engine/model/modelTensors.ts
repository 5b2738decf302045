import * as tf from '@tensorflow/tfjs-core';
import { parameterSpecs } from '../../core/model/config';
import type { WeightMap } from '../../core/model/init';
import type { ModelConfig } from '../../core/model/trace';
import type { ForwardTensors } from './forward';
import type { TensorMap } from './layerOps';

/** Weights as float32 tensors, shaped by the config; the caller disposes them (disposeMap). */
export function toTensorMap(config: ModelConfig, weights: WeightMap): TensorMap {
  const out: TensorMap = {};
  for (const { name, shape } of parameterSpecs(config))
    out[name] = tf.tensor(weights[name], shape, 'float32');
  return out;
}

export const disposeMap = (m: TensorMap) => tf.dispose(Object.values(m));

/** Every tensor a recorded forward returns (some appear twice: disposing twice is harmless). */
export function forwardTensorList(f: ForwardTensors): tf.Tensor[] {
  const list: tf.Tensor[] = [f.logits, ...f.streams, ...f.sources, ...f.inputs, ...f.alpha];
  for (const l of f.layers) {
    list.push(l.map, l.exact);
    if (l.sel) list.push(l.sel);
    if (l.depthMass) list.push(l.depthMass);
  }
  return list;
}
