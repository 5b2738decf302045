import { refusalReason } from '../../../core/runCheck';
import type { DeviceLimits } from '../../../core/variantSpec';
import { findSpec } from '../../../core/variantSpecs';
import type { ParamPoint } from '../../../worker/sweepProtocol';
import { type LabConfig, powersOfTwo } from './labConfig';

/** Chart 3b: one variant's error against one of its own parameters at one n (pure helpers). */

export interface ParamSelection {
  variant: string;
  param: string;
  n: number;
}

export type ParamRunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ParamRun {
  status: ParamRunStatus;
  /** What the points answer (null before a run). */
  selection: ParamSelection | null;
  points: ParamPoint[];
  progress: { step: number; total: number; value?: number } | null;
  error: string | null;
}

export const IDLE_PARAM_RUN: ParamRun = {
  status: 'idle',
  selection: null,
  points: [],
  progress: null,
  error: null,
};

/** Variants that have a parameter to sweep. */
export const tunable = (ids: readonly string[]) =>
  ids.filter((id) => (findSpec(id)?.params.length ?? 0) > 0);

export function defaultSelection(c: LabConfig): ParamSelection {
  const ids = tunable(c.variants);
  const variant = ids.includes('performer') ? 'performer' : (ids[0] ?? 'performer');
  const param = findSpec(variant)?.params[0]?.name ?? 'm';
  return { variant, param, n: Math.min(c.nMax, 512) };
}

/** Keep the selection valid for the variant chosen (its first parameter when the old is not its). */
export function fixSelection(sel: ParamSelection): ParamSelection {
  const spec = findSpec(sel.variant);
  if (!spec || spec.params.some((p) => p.name === sel.param)) return sel;
  return { ...sel, param: spec.params[0]?.name ?? sel.param };
}

export interface ParamValues {
  values: number[];
  refused: { value: number; reason: string }[];
}

/** Powers of two within the parameter's range and ≤ n; those that cannot run, with why. */
export function paramValues(
  c: LabConfig,
  sel: ParamSelection,
  limits: DeviceLimits | null,
): ParamValues {
  const spec = findSpec(sel.variant);
  const p = spec?.params.find((x) => x.name === sel.param);
  if (!spec || !p) return { values: [], refused: [] };
  const shape = { heads: c.heads, n: sel.n, d: c.d, dv: c.d, causal: c.causal };
  const out: ParamValues = { values: [], refused: [] };
  for (const value of powersOfTwo(Math.max(1, p.min), Math.min(p.max, sel.n))) {
    const params = { ...c.params[sel.variant], [sel.param]: value };
    const reason = refusalReason(spec, shape, params, limits ?? undefined);
    if (reason) out.refused.push({ value, reason });
    else out.values.push(value);
  }
  return out;
}
