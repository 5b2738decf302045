import { messageOf } from '../core/messageOf';
import type { BackendReport } from '../engine/backend';
import { reportProvenance } from '../engine/reportProvenance';
import type { SweepConfig, SweepFit, SweepProgress, SweepResult, SweepRow } from '../engine/sweep';
import type { EngineResponse } from './protocol';
import type {
  BrowserProvenance,
  ParamPoint,
  ParamSweepOutcome,
  ParamSweepRequest,
  SweepInputs,
  SweepJobConfig,
  SweepOutcome,
  SweepRequest,
} from './sweepProtocol';

/**
 * The sweep jobs, free of tfjs: the engine's runSweep comes in as a dependency. A sweep stops
 * between points when cancelled or when the device is lost; an error (out of memory…) ends it
 * too; in every case the rows measured so far go back with the result.
 */

export interface SweepDeps {
  runSweep(
    config: SweepConfig,
    onProgress?: (p: SweepProgress) => void,
    shouldCancel?: () => boolean,
  ): Promise<SweepResult>;
  fitRows(rows: readonly SweepRow[], variants: readonly string[], nMin?: number): SweepFit[];
  /** tf.memory().numTensors. */
  numTensors(): number;
  userAgent: string;
  appVersion: string;
}

export interface JobContext {
  id: number;
  report: BackendReport;
  post: (r: EngineResponse) => void;
  cancelled: () => boolean;
  /** The device-lost message once the device is gone, else null. */
  lost: () => string | null;
}

function provenanceOf(
  c: SweepJobConfig,
  ctx: JobContext,
  deps: SweepDeps,
  engine: Record<string, unknown> | undefined,
): BrowserProvenance {
  const { report } = ctx;
  return {
    variants: c.variants,
    ns: c.ns,
    causal: c.causal,
    inputKind: c.inputKind,
    ...(c.inputFile ? { inputFile: c.inputFile } : {}),
    params: c.params ?? {},
    ...engine,
    ...reportProvenance(report),
    userAgent: deps.userAgent,
    appVersion: deps.appVersion,
    d: c.d,
    heads: c.heads,
    seed: c.seed,
    repeats: c.repeats,
    date: typeof engine?.date === 'string' ? engine.date : new Date().toISOString(),
  };
}

const engineConfig = (
  c: SweepJobConfig,
  report: BackendReport,
  inputs: SweepInputs | undefined,
): SweepConfig => ({
  ...c,
  limits: report.limits,
  // GPU kernel time from timestamp queries where the adapter has them (DESIGN.md).
  kernelTime: report.hasTimestampQuery,
  // The user's Q, K, V: each n takes a prefix; v may be wider or narrower than d.
  ...(inputs ? { inputs, dv: inputs.v.width } : {}),
});

/** Rows in sweep order (variants, then ns), whatever order they finished in. */
export function orderRows(rows: readonly SweepRow[], c: SweepJobConfig): SweepRow[] {
  const at = new Map(rows.map((r) => [`${r.variant}@${r.n}`, r]));
  return c.variants.flatMap((v) => c.ns.flatMap((n) => at.get(`${v}@${n}`) ?? []));
}

export async function sweepJob(
  req: SweepRequest,
  deps: SweepDeps,
  ctx: JobContext,
): Promise<SweepOutcome> {
  const before = deps.numTensors();
  const finished: SweepRow[] = [];
  const stop = () => ctx.cancelled() || ctx.lost() !== null;
  let result: SweepResult | null = null;
  let error: string | undefined;
  try {
    result = await deps.runSweep(
      engineConfig(req.config, ctx.report, req.inputs),
      (p) => {
        if (p.phase === 'done' && p.row) finished.push(p.row);
        ctx.post({ type: 'sweepProgress', id: ctx.id, ...p });
      },
      stop,
    );
  } catch (err) {
    error = messageOf(err);
  }
  const lost = ctx.lost();
  if (lost) error = error ? `${lost} (${error})` : lost;
  const rows = result?.rows ?? orderRows(finished, req.config);
  return {
    rows,
    fits: result?.fits ?? deps.fitRows(rows, req.config.variants),
    provenance: provenanceOf(req.config, ctx, deps, result?.provenance),
    cancelled: !lost && ctx.cancelled() && (result?.cancelled ?? true),
    ...(error ? { error } : {}),
    tensors: { before, after: deps.numTensors() },
  };
}

export async function paramSweepJob(
  req: ParamSweepRequest,
  deps: SweepDeps,
  ctx: JobContext,
): Promise<ParamSweepOutcome> {
  const before = deps.numTensors();
  const c = req.config;
  const [variant] = c.variants;
  const [n] = c.ns;
  const points: ParamPoint[] = [];
  const stop = () => ctx.cancelled() || ctx.lost() !== null;
  const total = req.values.length;
  let error: string | undefined;
  let engine: Record<string, unknown> | undefined;
  for (const [i, value] of req.values.entries()) {
    if (stop()) break;
    const step = i + 1;
    ctx.post({ type: 'sweepProgress', id: ctx.id, phase: 'start', variant, n, step, total, value });
    const params = { ...c.params, [variant]: { ...c.params?.[variant], [req.param]: value } };
    try {
      const result = await deps.runSweep(
        engineConfig({ ...c, params }, ctx.report, req.inputs),
        undefined,
        stop,
      );
      engine ??= result.provenance;
      if (result.cancelled || result.rows.length === 0) break;
      const row = result.rows[0];
      points.push({ value, row });
      ctx.post({
        type: 'sweepProgress',
        id: ctx.id,
        phase: 'done',
        variant,
        n,
        step,
        total,
        value,
        row,
      });
    } catch (err) {
      error = `${req.param} = ${value}: ${messageOf(err)}`;
      break;
    }
  }
  const lost = ctx.lost();
  if (lost) error = error ? `${lost} (${error})` : lost;
  return {
    variant,
    param: req.param,
    n,
    points,
    provenance: provenanceOf(c, ctx, deps, engine),
    cancelled: !lost && ctx.cancelled(),
    ...(error ? { error } : {}),
    tensors: { before, after: deps.numTensors() },
  };
}
