import type { OwnKernel } from '../../core/userKernel/ownKernel';
import { ASSUMED_GFLOPS } from '../complexity/model/callEstimate';
import {
  type LabConfig,
  orderedVariants,
  toJobConfig,
  withOwnKernel,
} from '../complexity/model/labConfig';
import { priorPointMs, sweepPoints } from '../complexity/model/sweepCost';

/**
 * The sweep an embed's "Run live" measures on a reader's device: the author's variants and
 * shape, but n and repeats capped so that the predicted time stays under READER_BUDGET_S on a
 * slow device, whatever the author ran (a sweep to n = 16384 must not start in every reader's
 * browser). The prediction is each variant's cost formula (core/variantSpecs) at a fixed,
 * deliberately low rate: a reader with a real GPU finishes far sooner.
 */

export const READER_BUDGET_S = 30;
/**
 * GFLOP/s assumed for a reader's device: the lab's pre-flight rate for a software GPU
 * (SwiftShader), the slowest a reader may bring; any hardware GPU is faster.
 */
export const READER_GFLOPS = ASSUMED_GFLOPS.softwareGpu;
/** Repeats in an embed: the median of 3 is enough for a reader's look. */
export const READER_MAX_REPEATS = 3;

export interface ReaderPlan {
  /** The config Run live measures (the author's, with nMax and repeats capped). */
  config: LabConfig;
  /** True when n or repeats were cut. */
  capped: boolean;
  /** Predicted seconds of the reader's sweep and of the author's full one. */
  predictedS: number;
  fullS: number;
  /** The link's own kernel, swept as one more variant (null if none). */
  kernel: OwnKernel | null;
}

/** Predicted seconds of a sweep at READER_GFLOPS (pure); a kernel of the link's at its stated cost. */
export function predictSeconds(c: LabConfig, kernel: OwnKernel | null = null): number {
  const points = sweepPoints(withOwnKernel(toJobConfig(c), kernel));
  return points.reduce((ms, p) => ms + priorPointMs(p, READER_GFLOPS), 0) / 1000;
}

/**
 * The author's config cut to the reader's budget (n from the top, repeats to 3); a kernel the
 * link brings is swept too and counted at its stated cost.
 */
export function readerPlan(
  author: LabConfig,
  kernel: OwnKernel | null = null,
  budgetS = READER_BUDGET_S,
): ReaderPlan {
  const fullS = predictSeconds(author, kernel);
  let config = { ...author, repeats: Math.min(author.repeats, READER_MAX_REPEATS) };
  while (config.nMax > config.nMin && predictSeconds(config, kernel) > budgetS) {
    config = { ...config, nMax: config.nMax / 2 };
  }
  const capped = config.nMax !== author.nMax || config.repeats !== author.repeats;
  return { config, capped, predictedS: predictSeconds(config, kernel), fullS, kernel };
}

const seconds = (s: number) =>
  s < 1 ? 'under a second' : `about ${s < 90 ? `${Math.ceil(s)} s` : `${Math.round(s / 60)} min`}`;
const nRange = (c: LabConfig) =>
  c.nMin === c.nMax ? `n = ${c.nMin}` : `n = ${c.nMin} … ${c.nMax}`;
const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;

/** "Run live measures dense, linear at n = 64 … 1024, 3 repeats: about 12 s on a slow GPU…" */
export function readerPlanText(plan: ReaderPlan, author: LabConfig): string {
  const c = plan.config;
  const names = [
    ...orderedVariants(c),
    ...(plan.kernel ? [`your kernel “${plan.kernel.name}”`] : []),
  ];
  const what = `${names.join(', ')} at ${nRange(c)}, ${plural(c.repeats, 'repeat')}`;
  const time = `${seconds(plan.predictedS)} on a slow (software) GPU, less on a real one`;
  if (!plan.capped) return `Run live measures ${what}: ${time}.`;
  const cut: string[] = [];
  if (c.nMax !== author.nMax) cut.push(`n up to ${author.nMax}`);
  if (c.repeats !== author.repeats) cut.push(plural(author.repeats, 'repeat'));
  return (
    `Run live measures ${what}: ${time}. Capped from the author's ${cut.join(' and ')} ` +
    `(${seconds(plan.fullS)} there) to stay under ${READER_BUDGET_S} s on a reader's device.`
  );
}
