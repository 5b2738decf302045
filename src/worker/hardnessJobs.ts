import { performerRelativeMSE } from '../core/hardness/performerEstimator';
import {
  bestRankApproximation,
  frobeniusDistance,
  singularValues,
  softmaxTowards,
  targetPattern,
} from '../core/hardness/rankLimit';
import { messageOf } from '../core/messageOf';
import type {
  BoundedEntriesOptions,
  BoundedEntriesPoint,
} from '../engine/experiments/boundedEntries';
import type {
  BoundedEntriesExperiment,
  HardnessExperiment,
  HardnessOutcome,
  HardnessProgress,
  HardnessRequest,
  HardnessResult,
  ModExperiment,
  ModPoint,
  PerformerExperiment,
  RankLimitExperiment,
  RankLimitResult,
} from './hardnessProtocol';

/**
 * The hardness job, free of tfjs: the engine's experiments come in as dependencies, the pure
 * ones (Performer's estimator, the rank limit) are computed from core/ directly. Long
 * experiments run point by point: progress between points, a cancel or a lost device stops
 * them, and the points computed so far go back with the result.
 */

export interface ModPointOptions {
  n: number;
  d: number;
  capacity: number;
  repeats: number;
  seed: number;
  shouldCancel: () => boolean;
}

export interface HardnessDeps {
  boundedEntries(o: BoundedEntriesOptions): Promise<BoundedEntriesPoint[]>;
  /** Time full attention and the routed block at one n. */
  modPoint(o: ModPointOptions): Promise<ModPoint>;
  /** tf.memory().numTensors. */
  numTensors(): number;
}

export interface HardnessContext {
  id: number;
  backend: string;
  progress: (p: HardnessProgress) => void;
  cancelled: () => boolean;
  /** The device-lost message once the device is gone, else null. */
  lost: () => string | null;
}

/** A step of a long experiment: its label and what it adds to the partial result. */
interface Step {
  label: string;
  run: () => Promise<void> | void;
}

async function runSteps(steps: Step[], ctx: HardnessContext): Promise<void> {
  for (const [i, step] of steps.entries()) {
    if (ctx.cancelled() || ctx.lost() !== null) return;
    ctx.progress({ step: i + 1, total: steps.length, label: step.label });
    await step.run();
  }
}

const trim = (x: number) => Number(x.toPrecision(3));

function boundedSteps(e: BoundedEntriesExperiment, deps: HardnessDeps) {
  const points: BoundedEntriesPoint[] = [];
  const steps = e.ns.flatMap((n) =>
    e.ratios.map((ratio) => ({
      label: `n = ${n}, B²/ln n = ${trim(ratio)}`,
      run: async () => {
        const { ns: _ns, ratios: _r, kind: _k, ...rest } = e;
        points.push(...(await deps.boundedEntries({ ...rest, ns: [n], ratios: [ratio] })));
      },
    })),
  );
  return { steps, result: (): HardnessResult => ({ kind: 'boundedEntries', points }) };
}

function performerSteps(e: PerformerExperiment) {
  const series: { m: number; points: ReturnType<typeof performerRelativeMSE> }[] = [];
  const steps = e.ms.map((m) => ({
    label: `m = ${m}`,
    run: () => {
      const { d, normSqs, samples, seed, orthogonal } = e;
      series.push({
        m,
        points: performerRelativeMSE({ d, m, normSqs, samples, seed, orthogonal }),
      });
    },
  }));
  return { steps, result: (): HardnessResult => ({ kind: 'performer', series }) };
}

/** The rank limit: target, best rank-m approximation, softmax error at each temperature. */
export function rankLimit(e: RankLimitExperiment): RankLimitResult {
  const t = targetPattern(e.pattern, e.n);
  const best = bestRankApproximation(t, e.n, e.m);
  const taus = [...e.taus].sort((a, b) => a - b);
  const softmax = taus.map((tau) => ({
    tau,
    error: frobeniusDistance(t, softmaxTowards(t, e.n, tau)),
  }));
  return {
    kind: 'rankLimit',
    target: [...t],
    approximation: [...best.approximation],
    sharpest: [...softmaxTowards(t, e.n, taus[0])],
    bestError: best.error,
    bound: Math.sqrt(e.n - e.m),
    singularValues: [...singularValues(t, e.n)],
    softmax,
  };
}

/** Cheap (milliseconds at n ≤ 64): one step, and always a result. */
function rankSteps(e: RankLimitExperiment) {
  let result: RankLimitResult | null = null;
  const label = `${e.pattern}, n = ${e.n}, m = ${e.m}`;
  const run = () => {
    result = rankLimit(e);
  };
  const steps = [{ label, run }];
  return { steps, result: (): HardnessResult => (result ??= rankLimit(e)) };
}

function modSteps(e: ModExperiment, deps: HardnessDeps, ctx: HardnessContext) {
  const points: ModPoint[] = [];
  const steps = e.ns.map((n) => ({
    label: `n = ${n}`,
    run: async () => {
      const { d, capacity, repeats, seed } = e;
      const shouldCancel = () => ctx.cancelled() || ctx.lost() !== null;
      points.push(await deps.modPoint({ n, d, capacity, repeats, seed, shouldCancel }));
    },
  }));
  return { steps, result: (): HardnessResult => ({ kind: 'mod', points }) };
}

function plan(e: HardnessExperiment, deps: HardnessDeps, ctx: HardnessContext) {
  switch (e.kind) {
    case 'boundedEntries':
      return boundedSteps(e, deps);
    case 'performer':
      return performerSteps(e);
    case 'rankLimit':
      return rankSteps(e);
    case 'mod':
      return modSteps(e, deps, ctx);
  }
}

const isCancel = (err: unknown) => err instanceof Error && err.name === 'CancelledError';

export async function hardnessJob(
  req: HardnessRequest,
  deps: HardnessDeps,
  ctx: HardnessContext,
): Promise<HardnessOutcome> {
  const before = deps.numTensors();
  const { steps, result } = plan(req.experiment, deps, ctx);
  let error: string | undefined;
  try {
    await runSteps(steps, ctx);
  } catch (err) {
    if (!isCancel(err)) error = messageOf(err);
  }
  const lost = ctx.lost();
  if (lost) error = error ? `${lost} (${error})` : lost;
  return {
    experiment: req.experiment,
    result: result(),
    backend: ctx.backend,
    date: new Date().toISOString(),
    cancelled: !lost && ctx.cancelled(),
    ...(error ? { error } : {}),
    tensors: { before, after: deps.numTensors() },
  };
}
