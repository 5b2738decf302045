import { INPUT_KINDS, type InputKind } from '../../../core/inputs';
import { SEED_RANGE } from '../../../core/rng';
import { refusalReason } from '../../../core/runCheck';
import type { OwnKernel } from '../../../core/userKernel/ownKernel';
import type { DeviceLimits } from '../../../core/variantSpec';
import { findSpec, VARIANT_SPECS } from '../../../core/variantSpecs';
import type { SweepJobConfig } from '../../../worker/sweepProtocol';

/** Every control of the complexity lab, and what follows from it (pure). */

export interface LabConfig {
  variants: string[];
  /** The sweep runs every power of two from nMin to nMax. */
  nMin: number;
  nMax: number;
  d: number;
  heads: number;
  repeats: number;
  causal: boolean;
  inputKind: InputKind;
  seed: number;
  /** Every variant's parameters (defaults filled), whether or not it is selected. */
  params: Record<string, Record<string, number>>;
}

/** n the page offers (the range); 16 and 32 appear only when a URL asks for them. */
export const N_CHOICES = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];
export const N_SMALL = [16, 32];
export const D_RANGE = [1, 256] as const;
export const HEADS_RANGE = [1, 16] as const;
export const REPEATS_RANGE = [1, 50] as const;
export { INPUT_KINDS, SEED_RANGE };

export function defaultParams(): Record<string, Record<string, number>> {
  return Object.fromEntries(
    VARIANT_SPECS.map((s) => [s.id, Object.fromEntries(s.params.map((p) => [p.name, p.default]))]),
  );
}

export const DEFAULT_CONFIG: LabConfig = {
  variants: ['dense', 'flash', 'fused', 'window', 'linformer', 'performer', 'linear', 'nystrom'],
  nMin: 64,
  nMax: 1024,
  d: 64,
  heads: 1,
  repeats: 3,
  causal: false,
  inputKind: 'gaussian',
  seed: 1,
  params: defaultParams(),
};

/** Powers of two from lo to hi inclusive. */
export function powersOfTwo(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= hi; n *= 2) if (n >= lo) out.push(n);
  return out;
}

export const nsOf = (c: LabConfig) => powersOfTwo(c.nMin, c.nMax);

/** Variants in the specs' order, as the sweep runs them. */
export const orderedVariants = (c: LabConfig) =>
  VARIANT_SPECS.map((s) => s.id).filter((id) => c.variants.includes(id));

/** A request with the user's own kernel swept too, as one more variant under its name. */
export function withOwnKernel(job: SweepJobConfig, kernel: OwnKernel | null): SweepJobConfig {
  return kernel ? { ...job, variants: [...job.variants, kernel.name], ownKernel: kernel } : job;
}

/** The worker request for this config (only the selected variants' parameters). */
export function toJobConfig(c: LabConfig): SweepJobConfig {
  const variants = orderedVariants(c);
  return {
    variants,
    ns: nsOf(c),
    d: c.d,
    heads: c.heads,
    causal: c.causal,
    inputKind: c.inputKind,
    seed: c.seed,
    repeats: c.repeats,
    params: Object.fromEntries(variants.map((v) => [v, { ...c.params[v] }])),
  };
}

export interface Refusal {
  variant: string;
  n: number;
  reason: string;
}

/**
 * Points that will be refused, not attempted: spec constraints, causal support, the backend
 * (WGSL kernels need webgpu) and device limits.
 */
export function refusals(c: LabConfig, limits: DeviceLimits | null, backend?: string): Refusal[] {
  return orderedVariants(c).flatMap((variant) => {
    const spec = findSpec(variant);
    if (!spec) return [];
    return nsOf(c).flatMap((n) => {
      const shape = { heads: c.heads, n, d: c.d, dv: c.d, causal: c.causal };
      const params = c.params[variant] ?? {};
      const reason = refusalReason(spec, shape, params, limits ?? undefined, backend);
      return reason ? [{ variant, n, reason }] : [];
    });
  });
}

/** Why this config cannot run at all, or null. */
export function configProblem(
  c: LabConfig,
  limits: DeviceLimits | null,
  backend?: string,
): string | null {
  if (c.variants.length === 0) return 'Pick at least one variant.';
  if (c.nMin > c.nMax) return 'The smallest n is larger than the largest.';
  const total = c.variants.length * nsOf(c).length;
  if (refusals(c, limits, backend).length === total)
    return 'Every point would be refused (see below).';
  return null;
}
