import { refusalReason } from '../../../core/runCheck';
import { findSpec } from '../../../core/variantSpecs';
import type { BackendReport } from '../../../engine/backend';
import { type LabConfig, nsOf, orderedVariants } from './labConfig';

/**
 * The pre-flight time estimate of the lab's slowest single call, from the variants' analytic
 * FLOPs and an assumed throughput per kind of engine. A call in flight cannot be interrupted
 * (Cancel then stops the whole engine), so a run whose slowest call is estimated beyond
 * CONFIRM_CALL_S asks for confirmation before it starts.
 */

/** Estimated seconds of one call above which Run asks first. */
export const CONFIRM_CALL_S = 10;

/**
 * Assumed sustained GFLOP/s, at the low end of what was measured for dense attention here
 * (2 cores; SwiftShader for the software GPU: 0.34 GFLOP/s at n = 1024 in the shipped run): an
 * estimate errs towards asking.
 */
export const ASSUMED_GFLOPS = {
  softwareGpu: 0.3,
  gpu: 100,
  webgl: 4,
  wasm: 5,
  cpu: 1,
} as const;

export type EngineKind = keyof typeof ASSUMED_GFLOPS;

export function engineKind(report: Pick<BackendReport, 'name' | 'adapter'>): EngineKind {
  if (report.name === 'webgpu') return report.adapter?.isFallbackAdapter ? 'softwareGpu' : 'gpu';
  return report.name;
}

export interface CallEstimate {
  variant: string;
  n: number;
  flops: number;
  seconds: number;
  kind: EngineKind;
}

/** The slowest call the run would make (refused points left out), or null if none runs. */
export function slowestCall(
  c: LabConfig,
  report: Pick<BackendReport, 'name' | 'adapter' | 'limits'>,
): CallEstimate | null {
  const kind = engineKind(report);
  let worst: CallEstimate | null = null;
  for (const variant of orderedVariants(c)) {
    const spec = findSpec(variant);
    if (!spec) continue;
    const params = c.params[variant] ?? {};
    for (const n of nsOf(c)) {
      const shape = { heads: c.heads, n, d: c.d, dv: c.d, causal: c.causal };
      if (refusalReason(spec, shape, params, report.limits, report.name)) continue;
      const flops = spec.cost(shape, params).flops;
      const seconds = flops / (ASSUMED_GFLOPS[kind] * 1e9);
      if (!worst || seconds > worst.seconds) worst = { variant, n, flops, seconds, kind };
    }
  }
  return worst;
}

const KIND_WORDS: Record<EngineKind, string> = {
  softwareGpu: 'a software GPU',
  gpu: 'a GPU',
  webgl: 'WebGL',
  wasm: 'the wasm backend',
  cpu: 'the cpu backend',
};

/** "40 s", "12 min", "1.5 h". */
export function duration(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** The prompt's sentence: what is slow, how slow, on what assumption. */
export function slowCallText(e: CallEstimate): string {
  return (
    `One call (${e.variant} at n = ${e.n}, ${(e.flops / 1e9).toFixed(1)} GFLOP) is estimated ` +
    `at about ${duration(e.seconds)} on ${KIND_WORDS[e.kind]} (assuming ` +
    `${ASSUMED_GFLOPS[e.kind]} GFLOP/s). A call cannot be interrupted: Cancel waits up to a ` +
    'second, then stops the engine and starts a fresh one.'
  );
}
