import * as tf from '@tensorflow/tfjs-core';
import { version as appVersion } from '../../package.json';
import { generateInputs } from '../core/inputs';
import { EXACT_TOLERANCE } from '../core/userKernel/template';
import { attentionMap } from '../engine/attentionMap';
import { initBackend, webgpuDevice } from '../engine/backend';
import { crossCheck } from '../engine/crossCheck';
import { taskAccuracy } from '../engine/model/accuracy';
import { traceForward } from '../engine/model/traceForward';
import { fitRows, runSweep } from '../engine/sweep';
import { checkKernel } from '../engine/userKernelCheck';
import { WASM_ASSET_PATHS } from '../engine/wasmAssetPaths';
import { createEngineHost } from './engineHost';
import { hardnessDeps } from './hardnessEngine';
import type { EngineResponse } from './protocol';

/**
 * The engine worker: the only place tfjs is loaded in the browser. Start it with
 * `new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' })`.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (r: EngineResponse) => scope.postMessage(r);

const handle = createEngineHost(
  {
    init: (order, onDeviceLost) =>
      initBackend(order, { wasmPaths: WASM_ASSET_PATHS, onDeviceLost }),
    crossCheck,
    sweeps: {
      runSweep,
      fitRows,
      numTensors: () => tf.memory().numTensors,
      userAgent: scope.navigator.userAgent,
      appVersion,
    },
    hardness: hardnessDeps,
    attentionMap,
    userKernel: (req) => {
      const { n, d, heads, seed } = req;
      const inputs = generateInputs({ kind: 'gaussian', n, d, heads, seed });
      return checkKernel(webgpuDevice(), req.body, inputs, {
        causal: req.causal,
        repeats: req.repeats,
        tolerance: EXACT_TOLERANCE,
      });
    },
    models: {
      traceForward,
      taskAccuracy,
      fetch: (url) => fetch(url),
      origin: scope.location.origin,
      numTensors: () => tf.memory().numTensors,
    },
  },
  post,
);

scope.onmessage = (e: MessageEvent<unknown>) => handle(e.data);
