import { fitRows, isMeasured, type SweepFit, type SweepRow } from '../../engine/sweep';

/**
 * The figures the engine must show (issue: bench), each checked against the measured numbers.
 * Exponents come from a fit over the upper part of the n range, fixed before measuring (see
 * fitRangeFor); the full-range fit is reported beside it, never silently swapped in.
 */

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface BenchCheck {
  name: string;
  /** The requirement in words, e.g. "exponent ≥ 1.8". */
  bound: string;
  status: CheckStatus;
  /** The number the bound applies to (an exponent or a ratio); null when skipped. */
  measured: number | null;
  /** The figures behind it: fit range and full-range slope, or the two peaks. */
  details: Record<string, number | string | null>;
  /** Why a check was skipped, or what differs from the wording. */
  note?: string;
}

export const QUADRATIC_MIN = 1.8;
export const LINEAR_MAX = 1.3;
export const LINEAR_VARIANTS = ['window', 'linformer', 'performer', 'linear'] as const;
export const FLASH_N = 4096;
export const FLASH_MAX_RATIO = 1 / 8;
/** How many of the largest n the checked fits use. */
export const UPPER_POINTS = 3;

export interface FitRange {
  nMin: number;
  nMax: number;
  rule: string;
}

/** The checked fit range: the UPPER_POINTS largest n (all n when there are no more), or --fit-min-n. */
export function fitRangeFor(ns: readonly number[], fitMinN?: number): FitRange {
  const sorted = [...ns].sort((a, b) => a - b);
  const nMax = sorted[sorted.length - 1];
  if (fitMinN !== undefined) return { nMin: fitMinN, nMax, rule: 'n ≥ --fit-min-n' };
  const nMin = sorted[Math.max(0, sorted.length - UPPER_POINTS)];
  return {
    nMin,
    nMax,
    rule:
      `the ${UPPER_POINTS} largest n of the sweep (all n when there are ${UPPER_POINTS} or fewer), ` +
      'fixed before measuring: at small n fixed per-kernel overhead flattens every curve',
  };
}

function exponentCheck(
  id: string,
  checked: readonly SweepFit[],
  full: readonly SweepFit[],
  range: FitRange,
  test: (slope: number) => boolean,
  bound: string,
): BenchCheck {
  const fit = checked.find((f) => f.variant === id);
  const all = full.find((f) => f.variant === id);
  const name = `${id} fitted exponent`;
  if (!fit || fit.slope === null) {
    const note = fit ? 'fewer than two measured n in the fit range' : `${id} was not in this run`;
    return { name, bound, status: 'skipped', measured: null, details: {}, note };
  }
  return {
    name,
    bound,
    status: test(fit.slope) ? 'pass' : 'fail',
    measured: fit.slope,
    details: {
      fitNMin: fit.nMin,
      fitNMax: fit.nMax,
      points: fit.points,
      r2: fit.r2,
      fullRangeSlope: all?.slope ?? null,
      rule: range.rule,
    },
  };
}

/** At n = FLASH_N when it ran, else at the largest n both ran (the name says which n). */
function flashCheck(rows: readonly SweepRow[]): BenchCheck {
  const nameAt = (n: number) => `flash peak tensor bytes ≤ 1/8 of dense's at n = ${n}`;
  const bound = `flash/dense ≤ ${FLASH_MAX_RATIO}`;
  const measured = rows.filter(isMeasured);
  const peakAt = (id: string, n: number) => measured.find((r) => r.variant === id && r.n === n);
  const common = measured
    .filter((r) => r.variant === 'flash' && peakAt('dense', r.n))
    .map((r) => r.n)
    .sort((a, b) => a - b);
  if (common.length === 0) {
    const note = 'flash and dense did not both run at any n';
    return { name: nameAt(FLASH_N), bound, status: 'skipped', measured: null, details: {}, note };
  }
  const n = common.includes(FLASH_N) ? FLASH_N : common[common.length - 1];
  const flash = peakAt('flash', n)?.peakBytes ?? 0;
  const dense = peakAt('dense', n)?.peakBytes ?? 0;
  const ratio = dense > 0 ? flash / dense : null;
  return {
    name: nameAt(n),
    bound,
    status: ratio !== null && ratio <= FLASH_MAX_RATIO ? 'pass' : 'fail',
    measured: ratio,
    details: { n, flashPeakBytes: flash, densePeakBytes: dense },
    ...(n === FLASH_N ? {} : { note: `n = ${FLASH_N} not in this run: checked at n = ${n}` }),
  };
}

/** Every check, with the checked (upper-range) and full-range fits it was judged on. */
export function benchChecks(
  rows: readonly SweepRow[],
  variants: readonly string[],
  range: FitRange,
) {
  const checked = fitRows(rows, variants, range.nMin);
  const full = fitRows(rows, variants);
  const checks = [
    exponentCheck('dense', checked, full, range, (s) => s >= QUADRATIC_MIN, `≥ ${QUADRATIC_MIN}`),
    ...LINEAR_VARIANTS.map((id) =>
      exponentCheck(id, checked, full, range, (s) => s <= LINEAR_MAX, `≤ ${LINEAR_MAX}`),
    ),
    flashCheck(rows),
  ];
  return { checks, fits: { checked, fullRange: full } };
}
