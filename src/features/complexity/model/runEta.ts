import { type EtaPrior, remainingMs, type TimedPoint } from '../../../core/eta';
import { isMeasured, type SweepRow } from '../../../engine/results';
import type { SweepJobConfig } from '../../../worker/sweepProtocol';
import { ASSUMED_GFLOPS, type EngineKind } from './callEstimate';
import { CALL_OVERHEAD_MS, msPerFlop, sweepPoints } from './sweepCost';

/** The time-left model's prior for an engine: its assumed rate and a slow device's call cost. */
export function etaPrior(kind: EngineKind): EtaPrior {
  return { msPerFlop: msPerFlop(ASSUMED_GFLOPS[kind]), msPerCall: CALL_OVERHEAD_MS };
}

/**
 * ms left in a lab run: finished points are the rows with a wall time, the point in flight is
 * step `step` (1-based, in the engine's order) when `inFlightMs` is not null, and the points
 * after it are still to run. Null until a point has finished (nothing measured yet).
 */
export function runMsLeft(
  config: SweepJobConfig,
  rows: readonly SweepRow[],
  step: number,
  inFlightMs: number | null,
  prior: EtaPrior,
): number | null {
  const points = sweepPoints(config);
  const costOf = new Map(points.map((p) => [`${p.variant}@${p.n}`, p]));
  const finished: TimedPoint[] = [];
  for (const r of rows) {
    const p = costOf.get(`${r.variant}@${r.n}`);
    if (p && isMeasured(r) && r.wallMs !== undefined) finished.push({ ...p, ms: r.wallMs });
  }
  if (finished.length === 0) return null;
  const current = inFlightMs === null ? undefined : points[step - 1];
  const inFlight = current ? { ...current, elapsedMs: inFlightMs as number } : null;
  return remainingMs(finished, inFlight, points.slice(step), prior);
}
