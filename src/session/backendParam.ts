import { quoted } from '../core/text';
import type { BackendName, BackendReport } from '../engine/backend';
import { BACKEND_NAMES, isBackendName } from '../worker/protocol';

/**
 * `?backend=wasm` (or `#backend=wasm`) forces the backend order to start at that backend, for
 * trying fallbacks: webgl → webgl, wasm, cpu. Anything else is ignored with a notice.
 */

export interface BackendChoice {
  /** The order to ask the engine for; undefined for its default (webgpu first). */
  order: BackendName[] | undefined;
  /** The backend the URL asked for, when valid. */
  forced: BackendName | null;
  /** Shown when the URL's value was ignored. */
  notice: string | null;
}

/** Backends from `name` on, in the default order. */
export function orderFrom(name: BackendName): BackendName[] {
  return BACKEND_NAMES.slice(BACKEND_NAMES.indexOf(name));
}

function hashParams(hash: string): URLSearchParams {
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  return new URLSearchParams(q >= 0 ? body.slice(q + 1) : body);
}

export function parseBackendParam(search: string, hash: string): BackendChoice {
  const raw = new URLSearchParams(search).get('backend') ?? hashParams(hash).get('backend');
  if (raw === null) return { order: undefined, forced: null, notice: null };
  const value = raw.trim().toLowerCase();
  if (isBackendName(value)) return { order: orderFrom(value), forced: value, notice: null };
  const shown = quoted(raw);
  return {
    order: undefined,
    forced: null,
    notice: `Ignored backend "${shown}" from the URL (valid: ${BACKEND_NAMES.join(', ')}); using the default order.`,
  };
}

/** How each fallback backend is named to a reader, and what it means for the timings. */
const FALLBACK_WORDS: Record<Exclude<BackendName, 'webgpu'>, { name: string; timings: string }> = {
  webgl: {
    name: 'WebGL',
    timings: "timings include WebGL's texture round trips and are not comparable with a WebGPU run",
  },
  wasm: {
    name: 'WebAssembly on the CPU',
    timings: 'timings measure the processor, not a GPU, and are not comparable with a WebGPU run',
  },
  cpu: {
    name: "TensorFlow.js's plain JavaScript CPU backend",
    timings: 'timings are the slowest of all and not comparable with a WebGPU run',
  },
};

/** Why WebGPU is not running, in plain words (the engine's error stays on the Status screen). */
function whyNoWebGpu(report: BackendReport, forced: BackendName | null): string {
  const failed = report.failures.find((f) => f.name === 'webgpu');
  if (failed) {
    if (/navigator\.gpu is missing/.test(failed.error))
      return 'WebGPU is not available in this browser';
    if (/adapter/i.test(failed.error)) return 'WebGPU is available but found no usable GPU';
    return 'WebGPU did not start in this browser';
  }
  if (forced) return `WebGPU is skipped because the link asks for backend=${forced}`;
  return 'WebGPU is not used';
}

/**
 * One sentence when WebGPU does not run: why, which backend runs, and what that means for the
 * timings ("WebGPU is not available in this browser; running on WebGL, so timings include…").
 * Null when WebGPU runs.
 */
export function fallbackNotice(report: BackendReport, forced: BackendName | null): string | null {
  if (report.name === 'webgpu') return null;
  const words = FALLBACK_WORDS[report.name];
  return `${whyNoWebGpu(report, forced)}; running on ${words.name}, so ${words.timings}.`;
}
