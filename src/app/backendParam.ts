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
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return {
    order: undefined,
    forced: null,
    notice: `Ignored backend "${shown}" from the URL (valid: ${BACKEND_NAMES.join(', ')}); using the default order.`,
  };
}

/** "WebGPU unavailable (reason) — running on webgl", or null when WebGPU runs. */
export function fallbackNotice(report: BackendReport, forced: BackendName | null): string | null {
  if (report.name === 'webgpu') return null;
  const failed = report.failures.find((f) => f.name === 'webgpu');
  if (failed) return `WebGPU unavailable (${failed.error}) — running on ${report.name}`;
  if (forced)
    return `WebGPU skipped (the URL asks for backend=${forced}) — running on ${report.name}`;
  return `WebGPU not used — running on ${report.name}`;
}
