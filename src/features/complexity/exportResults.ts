import { saveBlob } from '../../charts/exportChart';
import type { SweepFit, SweepRow } from '../../engine/sweep';
import type { SweepJobConfig } from '../../worker/sweepProtocol';

/**
 * Downloads of the shown results: JSON in the CLI's sweep shape ({config, rows, fits,
 * provenance}) and CSV with the CLI's sweep columns (one record per row).
 */

import { CSV_COLUMNS } from '../../core/sweepColumns';

export { CSV_COLUMNS };

export interface ExportInput {
  config: SweepJobConfig | null;
  rows: readonly SweepRow[];
  fits: readonly SweepFit[];
  provenance: Record<string, unknown> | null;
}

export function buildJson(x: ExportInput): string {
  const { config, rows, fits, provenance } = x;
  return `${JSON.stringify({ config, rows, fits, provenance }, null, 2)}\n`;
}

type Cell = string | number | boolean | null | undefined;

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends), as the CLI writes it. */
export function buildCsv(x: ExportInput): string {
  const params = (x.provenance?.params ?? x.config?.params ?? {}) as Record<string, unknown>;
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of x.rows) {
    const record: Record<string, Cell> = {
      ...(row.refused === undefined ? { ...row, msAll: undefined } : { refused: row.refused }),
      variant: row.variant,
      n: row.n,
      fitSlope: x.fits.find((f) => f.variant === row.variant)?.slope ?? null,
      params: JSON.stringify(params[row.variant] ?? {}),
    } as Record<string, Cell>;
    lines.push(CSV_COLUMNS.map((c) => csvCell(record[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** complexity-2025-01-31.json */
export function exportName(ext: 'json' | 'csv', date = new Date()): string {
  return `complexity-${date.toISOString().slice(0, 10)}.${ext}`;
}

/** Save text as a file through a Blob and an object URL. */
export function download(text: string, filename: string, type: string): void {
  saveBlob(new Blob([text], { type }), filename);
}
