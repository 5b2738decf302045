import { type Fields, inRange, isIntIn, isObject } from '../core/fieldChecks';
import type { EstimatorPoint } from '../core/hardness/performerEstimator';
import type { TargetPattern } from '../core/hardness/rankLimit';
import { isPow2 } from '../core/pow2';
import { SEED_RANGE } from '../core/rng';
import type { BoundedEntriesPoint } from '../engine/experiments/boundedEntries';

/**
 * The hardness lab's job (pure: type-only imports). One request type, `hardness`, carries one
 * of four experiments; it streams `hardnessProgress` between steps and ends with
 * `hardnessResult`, which holds the points computed so far when it was cancelled or failed.
 */

/** The fixed-budget approximations of the bounded-entries experiment. Linformer is left out on
 * purpose: its random projection does not converge to softmax, so its error says nothing here. */
export const BOUNDED_VARIANTS = ['performer', 'taylor', 'nystrom'] as const;
export type BoundedVariant = (typeof BOUNDED_VARIANTS)[number];

export const TARGET_PATTERNS: readonly TargetPattern[] = ['identity', 'shift', 'band'];

/** Bounds the worker accepts (small: the experiments must stay quick on a software GPU). */
export const HARDNESS_LIMITS = {
  seed: SEED_RANGE,
  bounded: {
    n: [16, 1024],
    points: 64,
    ratio: [0.01, 32],
    c: [0.25, 4],
    /** Budget parameter of each variant. */
    budget: { performer: [1, 1024], taylor: [0, 4], nystrom: [1, 256] },
  },
  performer: {
    d: [1, 128],
    m: [1, 4096],
    ms: 6,
    normSq: [0.01, 16],
    normSqs: 32,
    samples: [1, 5000],
  },
  rankLimit: { n: [2, 64], taus: 32, tau: [0.001, 100] },
  mod: { n: [16, 8192], ns: 10, d: [1, 256], capacity: [0.01, 1], repeats: [1, 20] },
} as const;

export interface BoundedEntriesExperiment {
  kind: 'boundedEntries';
  ns: number[];
  /** Values of B²/ln n. */
  ratios: number[];
  /** d = ⌈c·log₂ n⌉. */
  c: number;
  /** Budget of each variant: performer {m}, taylor {p}, nystrom {m}. */
  budgets: Partial<Record<BoundedVariant, Record<string, number>>>;
  seed: number;
}

export interface PerformerExperiment {
  kind: 'performer';
  d: number;
  ms: number[];
  /** Values of ‖x + y‖². */
  normSqs: number[];
  samples: number;
  orthogonal: boolean;
  seed: number;
}

export interface RankLimitExperiment {
  kind: 'rankLimit';
  pattern: TargetPattern;
  n: number;
  /** Rank of the kernel method (1 ≤ m < n). */
  m: number;
  /** Softmax temperatures, any order. */
  taus: number[];
}

export interface ModExperiment {
  kind: 'mod';
  ns: number[];
  d: number;
  /** C/S: the fraction of tokens routed through the block. */
  capacity: number;
  repeats: number;
  seed: number;
}

export type HardnessExperiment =
  | BoundedEntriesExperiment
  | PerformerExperiment
  | RankLimitExperiment
  | ModExperiment;
export type HardnessKind = HardnessExperiment['kind'];

export interface HardnessRequest {
  type: 'hardness';
  id: number;
  experiment: HardnessExperiment;
}

export interface TimeStats {
  msMedian: number;
  msMin: number;
  msMax: number;
}

/** One n of the Mixture-of-Depths experiment: full attention and the routed block, timed. */
export interface ModPoint {
  n: number;
  /** C: tokens routed through the block. */
  routed: number;
  full: TimeStats;
  routedTime: TimeStats;
  /** Analytic FLOPs (variant cost formulas): full over n tokens, routed over C. */
  fullFlops: number;
  routedFlops: number;
}

export interface RankLimitResult {
  kind: 'rankLimit';
  /** Row-major n×n matrices. */
  target: number[];
  approximation: number[];
  /** Softmax at the lowest temperature asked for. */
  sharpest: number[];
  /** ‖T − X‖_F of the best rank-m X (truncated SVD). */
  bestError: number;
  /** √(n − m): the floor for the identity and the shift. */
  bound: number;
  singularValues: number[];
  softmax: { tau: number; error: number }[];
}

export type HardnessResult =
  | { kind: 'boundedEntries'; points: BoundedEntriesPoint[] }
  | { kind: 'performer'; series: { m: number; points: EstimatorPoint[] }[] }
  | RankLimitResult
  | { kind: 'mod'; points: ModPoint[] };

export interface HardnessOutcome {
  /** The request this answers. */
  experiment: HardnessExperiment;
  result: HardnessResult;
  backend: string;
  date: string;
  cancelled: boolean;
  /** Why it stopped early (the result holds what was computed before). */
  error?: string;
  /** Live tfjs tensors before and after the job (equal: nothing leaked). */
  tensors: { before: number; after: number };
}

export interface HardnessResultResponse extends HardnessOutcome {
  type: 'hardnessResult';
  id: number;
}

export interface HardnessProgress {
  /** 1-based step about to run, of `total`. */
  step: number;
  total: number;
  /** What the step computes, e.g. "n = 128, B²/ln n = 2". */
  label: string;
}

export interface HardnessProgressResponse extends HardnessProgress {
  type: 'hardnessProgress';
  id: number;
}

const rangeText = ([lo, hi]: readonly [number, number]) => `[${lo}, ${hi}]`;

function checkInt(m: Fields, key: string, range: readonly [number, number]): string | null {
  return isIntIn(m[key], range)
    ? null
    : `${key} must be an integer in ${rangeText(range)}, got ${String(m[key])}`;
}

/** A non-empty list of distinct numbers in range (integers when `int`), at most `max` long. */
function checkList(
  m: Fields,
  key: string,
  range: readonly [number, number],
  max: number,
  int: boolean,
): string | null {
  const list = m[key];
  if (!Array.isArray(list) || list.length === 0) return `${key} must be a non-empty list`;
  if (list.length > max) return `${key} holds at most ${max} values, got ${list.length}`;
  const ok = (v: unknown) => (int ? isIntIn(v, range) : inRange(v, range));
  const bad = list.find((v) => !ok(v));
  if (bad !== undefined) {
    return `each of ${key} must be ${int ? 'an integer' : 'a number'} in ${rangeText(range)}, got ${String(bad)}`;
  }
  return new Set(list).size === list.length ? null : `${key} must not repeat`;
}

const first = (...problems: (() => string | null)[]) => {
  for (const p of problems) {
    const problem = p();
    if (problem) return problem;
  }
  return null;
};

function checkBudgets(budgets: unknown): string | null {
  if (!isObject(budgets) || Object.keys(budgets).length === 0) {
    return `budgets must name at least one of ${BOUNDED_VARIANTS.join(', ')}`;
  }
  for (const [variant, params] of Object.entries(budgets)) {
    if (variant === 'linformer') {
      return 'linformer is excluded: its random projection does not converge to softmax';
    }
    if (!(BOUNDED_VARIANTS as readonly string[]).includes(variant)) {
      return `unknown budget variant "${variant}" (valid: ${BOUNDED_VARIANTS.join(', ')})`;
    }
    const name = variant === 'taylor' ? 'p' : 'm';
    if (!isObject(params) || Object.keys(params).join() !== name) {
      return `the budget of ${variant} must be {${name}: integer}`;
    }
    const range = HARDNESS_LIMITS.bounded.budget[variant as BoundedVariant];
    const problem = checkInt(params, name, range);
    if (problem) return `${variant}: ${problem}`;
    if (variant === 'taylor' && (params.p as number) % 2 !== 0) return 'taylor: p must be even';
  }
  return null;
}

function checkBounded(e: Fields): string | null {
  const L = HARDNESS_LIMITS.bounded;
  return first(
    () => checkList(e, 'ns', L.n, L.points, true),
    () => ((e.ns as number[]).every(isPow2) ? null : 'each of ns must be a power of two'),
    () => checkList(e, 'ratios', L.ratio, L.points, false),
    () =>
      (e.ns as number[]).length * (e.ratios as number[]).length <= L.points
        ? null
        : `at most ${L.points} (n, ratio) points`,
    () =>
      inRange(e.c, L.c) ? null : `c must be a number in ${rangeText(L.c)}, got ${String(e.c)}`,
    () => checkBudgets(e.budgets),
  );
}

function checkPerformer(e: Fields): string | null {
  const L = HARDNESS_LIMITS.performer;
  return first(
    () => checkInt(e, 'd', L.d),
    () => checkList(e, 'ms', L.m, L.ms, true),
    () => checkList(e, 'normSqs', L.normSq, L.normSqs, false),
    () => checkInt(e, 'samples', L.samples),
    () => (typeof e.orthogonal === 'boolean' ? null : 'orthogonal must be true or false'),
  );
}

function checkRankLimit(e: Fields): string | null {
  const L = HARDNESS_LIMITS.rankLimit;
  return first(
    () =>
      TARGET_PATTERNS.includes(e.pattern as TargetPattern)
        ? null
        : `pattern must be one of ${TARGET_PATTERNS.join(', ')}, got ${String(e.pattern)}`,
    () => checkInt(e, 'n', L.n),
    () => checkInt(e, 'm', [1, (e.n as number) - 1]),
    () => checkList(e, 'taus', L.tau, L.taus, false),
  );
}

function checkMod(e: Fields): string | null {
  const L = HARDNESS_LIMITS.mod;
  return first(
    () => checkList(e, 'ns', L.n, L.ns, true),
    () => checkInt(e, 'd', L.d),
    () =>
      inRange(e.capacity, L.capacity) && (e.capacity as number) > 0
        ? null
        : `capacity must be a number in (0, 1], got ${String(e.capacity)}`,
    () => checkInt(e, 'repeats', L.repeats),
  );
}

const CHECKS: Record<HardnessKind, (e: Fields) => string | null> = {
  boundedEntries: checkBounded,
  performer: checkPerformer,
  rankLimit: checkRankLimit,
  mod: checkMod,
};

/** Why a hardness request is invalid, or null. */
export function checkHardnessRequest(m: Fields): string | null {
  const e = m.experiment;
  if (!isObject(e)) return 'experiment must be an object';
  const check = CHECKS[e.kind as HardnessKind];
  if (typeof e.kind !== 'string' || !check) {
    return `experiment.kind must be one of ${Object.keys(CHECKS).join(', ')}, got ${String(e.kind)}`;
  }
  if (e.kind !== 'rankLimit') {
    const seed = checkInt(e, 'seed', HARDNESS_LIMITS.seed);
    if (seed) return seed;
  }
  return check(e);
}
