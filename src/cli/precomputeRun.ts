import { cpus, platform, totalmem } from 'node:os';
import { fitExponent } from '../core/fit';
import type { LabDoc, LabRow } from './benchLabDoc';
import {
  type BrowserBenchPlan,
  PRECOMPUTE_MAX_N,
  type PrecomputeStage,
  precomputeStages,
} from './benchPlan';
import { type BrowserRunResult, firstLine, runInBrowser } from './browserBench';

/**
 * `bench --precompute`: the reference run as several lab runs (one per group of n with the same
 * variants, see precomputeStages), merged into one lab document. Points a variant does not run
 * at, and points of a lab run that failed, become refused rows with the reason.
 */

interface StageOutcome {
  stage: PrecomputeStage;
  doc: LabDoc | null;
  error: string | null;
  seconds: number;
  result: BrowserRunResult | null;
}

/** The machine the run was measured on (the page cannot see it; the CLI can). */
function hostReport() {
  const cores = cpus();
  return {
    platform: platform(),
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Rows of every stage in variant order then n order, with the skipped and failed points. */
export function mergeStageRows(
  variants: readonly string[],
  ns: readonly number[],
  stageRows: readonly {
    stage: PrecomputeStage;
    rows: readonly LabRow[] | null;
    error: string | null;
  }[],
  skipped: readonly LabRow[],
): LabRow[] {
  const byKey = new Map<string, LabRow>();
  for (const row of skipped) byKey.set(`${row.variant}@${row.n}`, row);
  for (const { stage, rows, error } of stageRows) {
    for (const variant of stage.variants) {
      for (const n of stage.ns) {
        const row = rows?.find((r) => r.variant === variant && r.n === n);
        byKey.set(
          `${variant}@${n}`,
          row ?? {
            variant,
            n,
            refused: rows
              ? `not measured: ${error ?? 'its lab run gave no row'}`
              : `not measured: the lab run for n = ${stage.ns.join(', ')} failed (${error ?? 'no row'})`,
          },
        );
      }
    }
  }
  return variants.flatMap((v) => ns.flatMap((n) => byKey.get(`${v}@${n}`) ?? []));
}

/**
 * Errors above the largest n dense runs at in the reference run are dropped (null): there the
 * page's fallback reference is the engine's dense at a size this software GPU does not hold
 * (its 1 GiB scores at n = 16384 read back another call's buffer: window came out "exact").
 * A reference the run itself does not stand behind gives no error.
 */
export function withoutUncheckedErrors(rows: readonly LabRow[]): LabRow[] {
  const denseMax = PRECOMPUTE_MAX_N.dense.n;
  return rows.map((r) =>
    r.refused === undefined && r.n > denseMax && r.errorReference === 'dense'
      ? { ...r, relError: null, maxAbsError: null, errorReference: null }
      : r,
  );
}

/** Whole-range exponent per variant, as the lab's own "fits" (refused points skipped). */
function wholeRangeFits(rows: readonly LabRow[], variants: readonly string[]) {
  return variants.map((variant) => ({
    variant,
    ...fitExponent(
      rows
        .filter((r) => r.variant === variant && r.refused === undefined)
        .map((r) => ({ n: r.n, ms: r.msMedian as number })),
    ),
  }));
}

export async function runPrecompute(
  plan: BrowserBenchPlan,
  log: (line: string) => void,
): Promise<BrowserRunResult> {
  const started = performance.now();
  const { variants, ns } = plan.run;
  const { stages, skipped } = precomputeStages(variants, ns);
  const outcomes: StageOutcome[] = [];
  for (const [i, stage] of stages.entries()) {
    log(
      `reference run ${i + 1}/${stages.length}: ${stage.variants.join(', ')} at n = ${stage.ns.join(', ')}`,
    );
    const stagePlan: BrowserBenchPlan = {
      ...plan,
      run: { ...plan.run, variants: stage.variants, ns: stage.ns },
      config: { ...plan.config, variants: stage.variants, ns: stage.ns },
    };
    const t0 = performance.now();
    try {
      const result = await runInBrowser(stagePlan, log);
      const error = result.timedOut
        ? `the ${plan.timeoutMs / 1000} s limit of its lab run ran out before this point`
        : null;
      outcomes.push({ stage, doc: result.doc, error, seconds: result.seconds, result });
    } catch (err) {
      // Keep going: the other stages' points are still worth shipping, and the failed ones say why.
      log(`reference run ${i + 1} failed: ${firstLine(err)}`);
      outcomes.push({
        stage,
        doc: null,
        error: firstLine(err),
        seconds: (performance.now() - t0) / 1000,
        result: null,
      });
    }
  }
  const first = outcomes.find((o) => o.result !== null)?.result;
  if (!first) throw new Error(`every lab run of the reference run failed: ${outcomes[0]?.error}`);
  const rows = withoutUncheckedErrors(
    mergeStageRows(
      variants,
      ns,
      outcomes.map((o) => ({ stage: o.stage, rows: o.doc?.rows ?? null, error: o.error })),
      skipped,
    ),
  );
  const params = Object.assign(
    {},
    ...outcomes.map((o) => (o.doc?.config.params as Record<string, unknown>) ?? {}),
  );
  const doc: LabDoc = {
    ...first.doc,
    config: { ...first.doc.config, variants, ns, params },
    rows,
    fits: wholeRangeFits(rows, variants),
    provenance: {
      ...first.doc.provenance,
      variants,
      ns,
      params,
      referenceRun: {
        command: 'npm run bench -- --precompute',
        host: hostReport(),
        maxN: PRECOMPUTE_MAX_N,
        stages: outcomes.map((o) => ({
          variants: o.stage.variants,
          ns: o.stage.ns,
          seconds: Math.round(o.seconds),
          date: o.doc?.provenance.date ?? null,
          error: o.error,
        })),
      },
    },
  };
  return {
    ...first,
    doc,
    consoleErrors: outcomes.flatMap((o) => o.result?.consoleErrors ?? []),
    seconds: (performance.now() - started) / 1000,
  };
}
