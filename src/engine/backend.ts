import * as tf from '@tensorflow/tfjs-core';
import { messageOf } from '../core/messageOf';
import '@tensorflow/tfjs-backend-cpu';
import type { DeviceLimits } from '../core/variantSpec';
import { registerFusedKernels } from './kernels/fusedAttention';

/**
 * Chooses the tfjs backend (webgpu → webgl → wasm → cpu unless told otherwise) and reports
 * which one runs, why, and what the device can hold.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters such as SwiftShader; null where the browser does not say. */
  isFallbackAdapter: boolean | null;
}

export interface BackendReport {
  name: BackendName;
  /** One sentence: why this backend runs (first choice, or which ones failed before it). */
  reason: string;
  /** Backends tried before this one, with the error each gave. */
  failures: { name: BackendName; error: string }[];
  adapter: AdapterReport | null;
  limits: DeviceLimits;
  features: string[];
  hasTimestampQuery: boolean;
  tfjsVersion: string;
}

export interface BackendOptions {
  /** wasm binaries by file name, for bundlers that serve them from their own URLs. */
  wasmPaths?: Record<string, string>;
  /** Called once if the GPU device is lost after the backend started. */
  onDeviceLost?: (message: string) => void;
}

/** Limits for backends without a WebGPU device: what a 32-bit typed array can address. */
const HOST_LIMITS: DeviceLimits = {
  maxBufferSize: 2 ** 31 - 1,
  maxStorageBufferBindingSize: 2 ** 31 - 1,
};
/** WebGL textures are bounded too; tfjs packs a tensor into one texture (≈ 16384² RGBA floats). */
const WEBGL_LIMITS: DeviceLimits = { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 };

let webgpuAdapter: AdapterReport | null = null;
/** The WebGPU factory's own error: tfjs swallows it and setBackend only returns false. */
let webgpuInitError: string | null = null;

async function registerWebGPU(opts: BackendOptions): Promise<void> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  if (!nav?.gpu) throw new Error('navigator.gpu is missing: this browser has no WebGPU');
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  // Replace the package's own factory so the adapter's fallback flag and device loss are seen.
  tf.removeBackend('webgpu');
  tf.registerBackend(
    'webgpu',
    () =>
      createWebGPU(nav, opts, WebGPUBackend).catch((err: unknown) => {
        webgpuInitError = messageOf(err);
        throw err;
      }),
    3,
  );
  registerFusedKernels();
}

/** Adapter, device (with the adapter's own limits) and the tfjs backend over it. */
async function createWebGPU(
  nav: Navigator,
  opts: BackendOptions,
  WebGPUBackend: typeof import('@tensorflow/tfjs-backend-webgpu').WebGPUBackend,
) {
  const adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('requestAdapter() returned null: no usable GPU adapter');
  const wanted = ['timestamp-query'] as const;
  const requiredFeatures = wanted.filter((f) => adapter.features.has(f));
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
  const info = adapter.info;
  const fallback = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const infoFallback = (info as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  webgpuAdapter = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: infoFallback ?? fallback ?? null,
  };
  void device.lost.then((lost) => {
    if (lost.reason !== 'destroyed') opts.onDeviceLost?.(`GPU device lost: ${lost.message}`);
  });
  return new WebGPUBackend(device, info);
}

async function register(name: BackendName, opts: BackendOptions): Promise<void> {
  if (name === 'webgpu') return registerWebGPU(opts);
  if (name === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
    return;
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The threaded build hangs when minified and brings nothing on few cores (TESTING.md).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths);
  }
}

function reportFor(
  name: BackendName,
  order: readonly BackendName[],
  failures: BackendReport['failures'],
): BackendReport {
  let limits = name === 'webgl' ? WEBGL_LIMITS : HOST_LIMITS;
  let features: string[] = [];
  let hasTimestampQuery = false;
  if (name === 'webgpu') {
    const device = webgpuDevice();
    limits = {
      maxBufferSize: device.limits.maxBufferSize,
      maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
    };
    features = [...device.features].map(String).sort();
    hasTimestampQuery = device.features.has('timestamp-query');
    // Small ops would otherwise run on the CPU and distort timings (REFERENCE.md §5).
    tf.env().set('WEBGPU_CPU_FORWARD', false);
  }
  const asked = order[0] === BACKEND_ORDER[0] ? 'the first choice' : 'the first one asked for';
  const reason =
    failures.length === 0
      ? `${name} is ${asked} and started`
      : `${name} runs because ${failures.map((f) => f.name).join(', ')} could not start`;
  return {
    name,
    reason,
    failures,
    adapter: name === 'webgpu' ? webgpuAdapter : null,
    limits,
    features,
    hasTimestampQuery,
    tfjsVersion: tf.version_core,
  };
}

/** Start the first backend of `order` that works and report on it. */
export async function initBackend(
  order: readonly BackendName[] = BACKEND_ORDER,
  opts: BackendOptions = {},
): Promise<BackendReport> {
  const failures: BackendReport['failures'] = [];
  for (const name of order) {
    try {
      await register(name, opts);
      if (await tf.setBackend(name)) {
        await tf.ready();
        return reportFor(name, order, failures);
      }
      const why = name === 'webgpu' ? webgpuInitError : null;
      failures.push({ name, error: why ?? 'TensorFlow.js could not initialise it' });
    } catch (err) {
      failures.push({ name, error: messageOf(err) });
    }
  }
  throw new Error(
    `no tfjs backend could start: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`,
  );
}

export { tf };

/** The GPUDevice of the started webgpu backend (tfjs keeps it on the backend object). */
export function webgpuDevice(): GPUDevice {
  return (tf.backend() as unknown as { device: GPUDevice }).device;
}
