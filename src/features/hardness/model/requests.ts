import type {
  BoundedEntriesExperiment,
  ModExperiment,
  PerformerExperiment,
  RankLimitExperiment,
} from '../../../worker/hardnessProtocol';
import type { SweepJobConfig } from '../../../worker/sweepProtocol';
import { type HardnessConfig, pow2Range } from './config';

/** What each figure asks the engine for, from the controls. One seed for the whole lab. */

export const SEED = 1;
/** B²/ln n from 1/8 to 8: the threshold B²/ln n = 1 sits in the middle on a log axis. */
export const BOUNDED_RATIOS = [0.125, 0.25, 0.5, 1, 2, 4, 8];
export const PERFORMER_MS = [16, 64, 256];
/** Temperatures down to 0.05, where softmax is within ~1e-7 of a one-hot pattern at n ≤ 64. */
export const RANK_TAUS = [2, 1, 0.5, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05];
export const MOD_D = 32;
export const MOD_REPEATS = 3;
export const FLOPS_REPEATS = 3;

export function boundedRequest(c: HardnessConfig): BoundedEntriesExperiment {
  return {
    kind: 'boundedEntries',
    ns: pow2Range(64, c.boundedN),
    ratios: BOUNDED_RATIOS,
    c: c.boundedC,
    budgets: {
      performer: { m: c.boundedPerformerM },
      taylor: { p: c.boundedTaylorP },
      nystrom: { m: c.boundedNystromM },
    },
    seed: SEED,
  };
}

/** ‖x+y‖² = 0.25, 0.5, then steps of 0.5 up to the largest. */
export function normSqs(max: number): number[] {
  const out = [0.25, 0.5];
  for (let v = 1; v <= max; v += 0.5) out.push(v);
  return out;
}

export function performerRequest(c: HardnessConfig): PerformerExperiment {
  return {
    kind: 'performer',
    d: c.performerD,
    ms: PERFORMER_MS,
    normSqs: normSqs(c.performerMaxNorm),
    samples: c.performerSamples,
    orthogonal: c.performerOrthogonal,
    seed: SEED,
  };
}

export function rankRequest(c: HardnessConfig): RankLimitExperiment {
  return { kind: 'rankLimit', pattern: c.rankPattern, n: c.rankN, m: c.rankM, taus: RANK_TAUS };
}

export function modRequest(c: HardnessConfig): ModExperiment {
  return {
    kind: 'mod',
    ns: pow2Range(128, c.modN),
    d: MOD_D,
    capacity: c.modCapacity,
    repeats: MOD_REPEATS,
    seed: SEED,
  };
}

/** Dense and flash (and the fused kernel where the backend is webgpu), same inputs and n. */
export function flopsSweep(c: HardnessConfig, backend: string | null): SweepJobConfig {
  return {
    variants: ['dense', 'flash', ...(backend === 'webgpu' ? ['fused'] : [])],
    ns: pow2Range(64, c.flopsN),
    d: c.flopsD,
    heads: 1,
    causal: false,
    inputKind: 'gaussian',
    seed: SEED,
    repeats: FLOPS_REPEATS,
  };
}

/** A stable key for "the controls changed since this run". */
export const requestKey = (x: unknown) => JSON.stringify(x);
