import * as v from 'valibot';
import type { Fields } from '../core/fieldChecks';
import type { EstimatorPoint } from '../core/hardness/performerEstimator';
import type { TargetPattern } from '../core/hardness/rankLimit';
import { SEED_RANGE } from '../core/rng';
import { bool, intIn, object } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import type { BoundedEntriesPoint } from '../engine/experiments/boundedEntries';
import {
  capacityIn,
  crossCheck,
  distinctList,
  expectedGot,
  type Fits,
  numberIn,
  oneOf,
  pow2In,
  problemOf,
  requestId,
} from './requestFields';

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

const B = HARDNESS_LIMITS.bounded;
const VARIANTS = BOUNDED_VARIANTS.join(', ');
const BUDGETS = `at least one of ${VARIANTS}`;

/** The budget of one variant: exactly {m: integer} ({p: even integer} for taylor). */
const budget = <K extends 'm' | 'p'>(name: K, value: v.GenericSchema<unknown, number>) => {
  const what = `{${name}: integer}`;
  return v.pipe(
    v.record(v.string(), v.unknown(), expected(what)),
    v.check((b) => Object.keys(b).join() === name, expected(what)),
    object({ [name]: value } as { [P in K]: typeof value }),
  );
};

const budgetsSchema = v.pipe(
  v.record(v.string(), v.unknown(), expected(`an object naming ${BUDGETS}`)),
  crossCheck((b) => {
    const keys = Object.keys(b);
    if (keys.length === 0) return [[], `expected an object naming ${BUDGETS}, got an empty object`];
    const stray = keys.find((k) => !(BOUNDED_VARIANTS as readonly string[]).includes(k));
    if (stray === 'linformer') {
      return [
        [stray],
        `expected one of ${VARIANTS}, got linformer (excluded: its random projection does not converge to softmax)`,
      ];
    }
    return stray === undefined ? null : [[stray], expectedGot(`one of ${VARIANTS}`, stray)];
  }),
  object({
    performer: v.exactOptional(budget('m', intIn(B.budget.performer))),
    taylor: v.exactOptional(
      budget(
        'p',
        v.pipe(
          intIn(B.budget.taylor),
          v.check(
            (p) => p % 2 === 0,
            expected(`an even integer in [${B.budget.taylor.join(', ')}]`),
          ),
        ),
      ),
    ),
    nystrom: v.exactOptional(budget('m', intIn(B.budget.nystrom))),
  }),
);

const boundedSchema = v.pipe(
  object({
    kind: v.literal('boundedEntries'),
    ns: distinctList(pow2In(B.n), B.points),
    ratios: distinctList(numberIn(B.ratio), B.points),
    c: numberIn(B.c),
    budgets: budgetsSchema,
    seed: intIn(HARDNESS_LIMITS.seed),
  }),
  crossCheck((e) => {
    const points = e.ns.length * e.ratios.length;
    return points <= B.points
      ? null
      : [['ratios'], expectedGot(`at most ${B.points} (n, ratio) points`, points)];
  }),
);

const P = HARDNESS_LIMITS.performer;
const performerSchema = object({
  kind: v.literal('performer'),
  d: intIn(P.d),
  ms: distinctList(intIn(P.m), P.ms),
  normSqs: distinctList(numberIn(P.normSq), P.normSqs),
  samples: intIn(P.samples),
  orthogonal: bool(),
  seed: intIn(HARDNESS_LIMITS.seed),
});

const R = HARDNESS_LIMITS.rankLimit;
const rankLimitSchema = v.pipe(
  object({
    kind: v.literal('rankLimit'),
    pattern: oneOf(TARGET_PATTERNS),
    n: intIn(R.n),
    // 1 ≤ m < n: checked below, where n is known.
    m: v.pipe(v.number(expected('an integer')), v.integer(expected('an integer'))),
    taus: distinctList(numberIn(R.tau), R.taus),
  }),
  crossCheck((e) =>
    e.m >= 1 && e.m < e.n
      ? null
      : [['m'], expectedGot(`an integer in [1, ${e.n - 1}] (below n)`, e.m)],
  ),
);

const M = HARDNESS_LIMITS.mod;
export const modSchema = object({
  kind: v.literal('mod'),
  ns: distinctList(intIn(M.n), M.ns),
  d: intIn(M.d),
  capacity: capacityIn(M.capacity[0]),
  repeats: intIn(M.repeats),
  seed: intIn(HARDNESS_LIMITS.seed),
});

const KINDS = 'one of boundedEntries, performer, rankLimit, mod';
export const experimentSchema = v.variant(
  'kind',
  [boundedSchema, performerSchema, rankLimitSchema, modSchema],
  // A path: the kind is wrong; none: the experiment is not an object.
  (issue) => expected(issue.path ? KINDS : 'an object')(issue),
);

export const hardnessRequestSchema = object({
  type: v.literal('hardness'),
  id: requestId(),
  experiment: experimentSchema,
});

const hardnessFits: Fits<v.InferOutput<typeof hardnessRequestSchema>, HardnessRequest> = true;
void hardnessFits;

/** Why a hardness request's experiment is invalid ("experiment.ns[1]: expected …"), or null. */
export function checkHardnessRequest(m: Fields): string | null {
  return problemOf(object({ experiment: experimentSchema }), { experiment: m.experiment });
}
