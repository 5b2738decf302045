import { type Cell, toCsv } from '../core/csv';
import type { SweepFit, SweepRow } from './results';

/**
 * A sweep as CSV: one record per (variant, n), the same for `sweep --format csv` and the lab's
 * download. Type-only imports from ./sweep, so the page can use it without loading tfjs.
 */
export const CSV_COLUMNS = [
  'variant',
  'n',
  'refused',
  'msMedian',
  'msMin',
  'msMax',
  'kernelMs',
  'peakBytes',
  'analyticBytes',
  'analyticFlops',
  'relError',
  'maxAbsError',
  'errorReference',
  'fitSlope',
  'params',
] as const;

export function sweepCsv(
  rows: readonly SweepRow[],
  fits: readonly SweepFit[],
  params: Readonly<Record<string, unknown>>,
): string {
  const records = rows.map((row): Record<string, Cell> => {
    const base = {
      variant: row.variant,
      n: row.n,
      fitSlope: fits.find((f) => f.variant === row.variant)?.slope ?? null,
      params: JSON.stringify(params[row.variant] ?? {}),
    };
    if (row.refused !== undefined) return { ...base, refused: row.refused };
    const { msAll: _all, ...numbers } = row;
    return { ...(numbers as Record<string, Cell>), ...base };
  });
  return toCsv(CSV_COLUMNS, records);
}
