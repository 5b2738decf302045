import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { AttentionInputs } from '../core/headBlock';
import { type BackendReport, initBackend, tf } from '../engine/backend';
import { compiledPipelineKeys } from '../engine/kernels/fusedAttention';
import { runAttention } from '../engine/runAttention';
import { timeCalls } from './timeCalls';

/** The engine's side of the peer page: tfjs on the page's own thread, webgpu or wasm. */

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
};

export function startEngine(backend: 'webgpu' | 'wasm'): Promise<BackendReport> {
  return initBackend([backend], { wasmPaths });
}

/** One variant timed on the started backend; the programs it compiled (webgpu) are named. */
export async function timeEngine(
  variant: string,
  inputs: AttentionInputs,
  causal: boolean,
  repeats: number,
) {
  const before = new Set(compiledPipelineKeys());
  const tensorsBefore = tf.memory().numTensors;
  const call = async () => (await runAttention({ variant, inputs, causal })).output.data;
  const timed = await timeCalls(call, repeats);
  const leaked = tf.memory().numTensors - tensorsBefore;
  if (leaked !== 0) throw new Error(`${variant} left ${leaked} tensors behind`);
  return { ...timed, kernels: compiledPipelineKeys().filter((k) => !before.has(k)) };
}
