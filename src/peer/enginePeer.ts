import type { AttentionInputs } from '../core/headBlock';
import { type BackendReport, initBackend, tf } from '../engine/backend';
import { compiledPipelineKeys } from '../engine/kernels/fusedAttention';
import { runAttention } from '../engine/runAttention';
import { WASM_ASSET_PATHS } from '../engine/wasmAssetPaths';
import { timeCalls } from './timeCalls';

/** The engine's side of the peer page: tfjs on the page's own thread, webgpu or wasm. */

export function startEngine(backend: 'webgpu' | 'wasm'): Promise<BackendReport> {
  return initBackend([backend], { wasmPaths: WASM_ASSET_PATHS });
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
