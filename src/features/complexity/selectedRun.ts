import { max } from '../../core/stats';
import { findSpec } from '../../core/variantSpecs';
import type { SweepRow } from '../../engine/results';
import type { LabRun } from './labRun';
import type { LabConfig } from './model/labConfig';
import { nsOf, orderedVariants } from './model/labConfig';

/**
 * What the results area draws for the chosen controls. A run of the user's own (live, a file, a
 * shared link) is drawn as it is; the shipped pre-computed run only for the selected variants,
 * with a sentence naming the selected ones (and sizes) it has no data for.
 */

export interface ShownRows {
  rows: SweepRow[];
  /** Why some of the chosen points are not drawn, or null. */
  gaps: string | null;
}

const label = (id: string) => findSpec(id)?.label ?? id;

function listed(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
}

export function shownRows(run: Pick<LabRun, 'rows' | 'source'>, config: LabConfig): ShownRows {
  if (run.source !== 'precomputed') return { rows: run.rows, gaps: null };
  const chosen = orderedVariants(config);
  const rows = run.rows.filter((r) => chosen.includes(r.variant));
  const have = new Set(rows.map((r) => r.variant));
  const missing = chosen.filter((v) => !have.has(v)).map(label);
  const ns = new Set(run.rows.map((r) => r.n));
  const missingN = nsOf(config).filter((n) => !ns.has(n));
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`no data for ${listed(missing)}`);
  if (missingN.length > 0) parts.push(`no n = ${listed(missingN.map(String))}`);
  const gaps =
    parts.length === 0
      ? null
      : `The pre-computed run has ${parts.join(' and ')}; those are not drawn.`;
  return { rows, gaps };
}

/**
 * The frontier n a link writes: the one chosen, else the largest n with an error that the sender
 * sees (the receiver's default would be the largest of *their* rows, which may differ).
 */
export function frontierForLink(rows: readonly SweepRow[], chosen: number | null): number | null {
  if (chosen !== null) return chosen;
  const ns = rows.filter((r) => r.refused === undefined && r.relError !== null).map((r) => r.n);
  return ns.length > 0 ? max(ns) : null;
}
