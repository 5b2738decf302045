/**
 * How the fused kernel divides its work (shared by the WGSL programs and the cost formulas).
 */

/** Workgroup memory holds TK keys and TK values (16 KiB, WebGPU's guaranteed minimum). */
const STAGE_FLOATS = 4096;

/** Most key splits the combine pass merges (its weights live in a private array). */
export const FUSED_MAX_SPLITS = 64;

/** Keys staged per block (TK) for widths d and dv. */
export function keyTile(d: number, dv: number): number {
  return Math.max(1, Math.min(64, Math.floor(STAGE_FLOATS / (d + dv))));
}

export interface SplitPlan {
  /** Key ranges run as separate workgroups; 1 is the single pass. */
  splits: number;
  /** Keys per split, a multiple of the key tile (the last split may hold fewer). */
  chunk: number;
}

/**
 * The splits actually run for `requested`: no more than the key blocks or FUSED_MAX_SPLITS, and
 * none left empty (so S·chunk covers n with fewer than chunk keys to spare).
 */
export function splitPlan(n: number, d: number, dv: number, requested: number): SplitPlan {
  const tk = keyTile(d, dv);
  const blocks = Math.max(1, Math.ceil(n / tk));
  const wanted = Math.max(1, Math.min(Math.floor(requested), FUSED_MAX_SPLITS, blocks));
  const chunk = Math.ceil(blocks / wanted) * tk;
  return { splits: Math.max(1, Math.ceil(n / chunk)), chunk };
}
