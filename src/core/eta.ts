import { median } from './stats';

/**
 * The lab's "time left": each remaining point predicted from its variant's cost formula (FLOPs)
 * and what the points measured so far cost, refreshed as points arrive (pure; no tfjs).
 *
 * Model per variant: wall ms of a point = overhead + msPerFlop × FLOPs. The overhead is the
 * variant's quickest point so far. msPerFlop is measured from the variant's own points once they
 * show compute (its dearest point took at least twice its quickest, at ≥ 16× the FLOPs); until
 * then it is the prior (an assumed rate for the kind of engine), because small points are all
 * overhead plus noise (a GC, a shader compile) and their slope says nothing. A variant not yet
 * measured borrows the median overhead and measured slope of the others, else the prior.
 */

export interface EtaPoint {
  variant: string;
  /** Calls the point makes; 0 for a point the variant refuses (it takes no time). */
  calls: number;
  /** FLOPs of all its calls, from the variant's analytic cost. */
  flops: number;
}

export interface TimedPoint extends EtaPoint {
  /** Wall-clock ms the point took. */
  ms: number;
}

/** What is assumed before anything is measured. */
export interface EtaPrior {
  msPerFlop: number;
  msPerCall: number;
}

interface VariantModel {
  /** Per point; null: the prior's calls × msPerCall. */
  overheadMs: number | null;
  msPerFlop: number;
  /** The slope came from compute-bound points. */
  measured: boolean;
}

function variantModel(points: readonly TimedPoint[], prior: EtaPrior): VariantModel {
  // The quickest point is the overhead (the first point of a variant also compiles its
  // shaders, so the smallest is not always the quickest); the dearest shows the compute.
  let cheap = points[0];
  let dear = points[0];
  for (const p of points) {
    if (p.ms < cheap.ms) cheap = p;
    if (p.flops > dear.flops) dear = p;
  }
  const spansCompute = dear.flops >= 16 * cheap.flops && dear.ms >= 2 * cheap.ms;
  if (!spansCompute) return { overheadMs: cheap.ms, msPerFlop: prior.msPerFlop, measured: false };
  const slope = (dear.ms - cheap.ms) / (dear.flops - cheap.flops);
  return { overheadMs: cheap.ms, msPerFlop: slope, measured: true };
}

function etaModels(finished: readonly TimedPoint[], prior: EtaPrior) {
  const groups = new Map<string, TimedPoint[]>();
  for (const p of finished) {
    if (!(p.calls > 0 && p.flops > 0 && p.ms >= 0)) continue;
    const g = groups.get(p.variant);
    if (g) g.push(p);
    else groups.set(p.variant, [p]);
  }
  const byVariant = new Map<string, VariantModel>();
  for (const [v, pts] of groups) byVariant.set(v, variantModel(pts, prior));
  const models = [...byVariant.values()];
  const overheads = models.flatMap((m) => (m.overheadMs === null ? [] : [m.overheadMs]));
  const slopes = models.filter((m) => m.measured).map((m) => m.msPerFlop);
  const fallback: VariantModel = {
    overheadMs: overheads.length > 0 ? median(overheads) : null,
    msPerFlop: slopes.length > 0 ? median(slopes) : prior.msPerFlop,
    measured: slopes.length > 0,
  };
  return { byVariant, fallback };
}

/**
 * Predicted ms until the run ends: the rest of the point in flight (predicted minus what it has
 * already taken, never below zero) plus every point not yet started.
 */
export function remainingMs(
  finished: readonly TimedPoint[],
  inFlight: (EtaPoint & { elapsedMs: number }) | null,
  notStarted: readonly EtaPoint[],
  prior: EtaPrior,
): number {
  const { byVariant, fallback } = etaModels(finished, prior);
  const predict = (p: EtaPoint) => {
    if (p.calls === 0) return 0;
    const m = byVariant.get(p.variant) ?? fallback;
    return (m.overheadMs ?? p.calls * prior.msPerCall) + m.msPerFlop * p.flops;
  };
  let total = inFlight ? Math.max(0, predict(inFlight) - inFlight.elapsedMs) : 0;
  for (const p of notStarted) total += predict(p);
  return total;
}
