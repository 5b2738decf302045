import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

/**
 * The wasm backend's binaries as Vite emits them (hashed assets beside the importing chunk,
 * so any sub-path works), for initBackend's `wasmPaths`. Browser builds only: Node has no
 * `?url` imports. The threaded build is never used (WASM_HAS_MULTITHREAD_SUPPORT is off), so
 * it maps to SIMD too.
 */
export const WASM_ASSET_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
};
