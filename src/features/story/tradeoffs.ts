import { isObject } from '../../core/fieldChecks';

/**
 * The run behind the "trade-offs" and "when they fail" steps (public/precomputed/tradeoffs.json,
 * made by scripts/story-tradeoffs.ts): the same variants at one n on two inputs. Pure: parse
 * the file (or a live sweep's rows) and say, per variant, its time, its error and whether it
 * beat dense.
 */
export const TRADEOFFS_URL = 'precomputed/tradeoffs.json';

/** The input each step shows: the one window attention suits, and the one that breaks it. */
export const WORKS_INPUT = 'banded';
export const FAILS_INPUT = 'clustered';
/** Below this the approximation is good; above FAILS_ERROR it is useless (1 = all zeros). */
export const GOOD_ERROR = 0.1;
export const FAILS_ERROR = 0.5;

export interface TradeoffPoint {
  variant: string;
  ms: number;
  error: number;
}

export interface TradeoffRun {
  inputKind: string;
  n: number;
  command: string;
  provenance: Record<string, unknown>;
  points: TradeoffPoint[];
}

export interface TradeoffFile {
  made: string;
  runs: TradeoffRun[];
}

/** Measured rows of one sweep at one n as points; refused rows and rows without error dropped. */
export function pointsOf(rows: readonly unknown[]): { n: number; points: TradeoffPoint[] } {
  const points: TradeoffPoint[] = [];
  let n = 0;
  for (const r of rows) {
    if (!isObject(r) || typeof r.variant !== 'string') continue;
    if (typeof r.msMedian !== 'number' || typeof r.relError !== 'number') continue;
    if (typeof r.n === 'number') n = Math.max(n, r.n);
    points.push({ variant: r.variant, ms: r.msMedian, error: r.relError });
  }
  return { n, points };
}

/** The file, or why it cannot be shown. */
export function parseTradeoffs(data: unknown): TradeoffFile | string {
  if (!isObject(data) || !Array.isArray(data.runs)) return 'the file has no "runs" list';
  const runs: TradeoffRun[] = [];
  for (const run of data.runs) {
    if (!isObject(run) || typeof run.inputKind !== 'string' || !Array.isArray(run.rows))
      return 'a run lacks its input kind or rows';
    const { n, points } = pointsOf(run.rows);
    if (!points.some((p) => p.variant === 'dense'))
      return `the ${run.inputKind} run has no dense row`;
    runs.push({
      inputKind: run.inputKind,
      n,
      command: typeof run.command === 'string' ? run.command : '',
      provenance: isObject(run.provenance) ? run.provenance : {},
      points,
    });
  }
  return { made: typeof data.made === 'string' ? data.made : '', runs };
}

export interface Verdict extends TradeoffPoint {
  /** Time against dense's: below 1 is faster. */
  speedup: number;
  good: boolean;
  useless: boolean;
}

/** Each approximate variant against dense on the same run (dense itself left out). */
export function verdicts(points: readonly TradeoffPoint[]): Verdict[] {
  const dense = points.find((p) => p.variant === 'dense');
  if (!dense) return [];
  return points
    .filter((p) => p.variant !== 'dense')
    .map((p) => ({
      ...p,
      speedup: dense.ms / p.ms,
      good: p.error < GOOD_ERROR && p.ms < dense.ms,
      useless: p.error > FAILS_ERROR,
    }));
}
