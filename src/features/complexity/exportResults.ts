import { saveBlob } from '../../charts/exportChart';
import type { SweepFit, SweepRow } from '../../engine/sweep';
import { sweepCsv } from '../../engine/sweepCsv';
import type { SweepJobConfig } from '../../worker/sweepProtocol';

/**
 * Downloads of the shown results: JSON in the CLI's sweep shape ({config, rows, fits,
 * provenance}) and CSV with the CLI's sweep columns (one record per row).
 */

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

/** CSV with the CLI's sweep columns; params from the run's provenance (or its config). */
export function buildCsv(x: ExportInput): string {
  const params = (x.provenance?.params ?? x.config?.params ?? {}) as Record<string, unknown>;
  return sweepCsv(x.rows, x.fits, params);
}

/** complexity-2025-01-31.json */
export function exportName(ext: 'json' | 'csv', date = new Date()): string {
  return `complexity-${date.toISOString().slice(0, 10)}.${ext}`;
}

/** Save text as a file through a Blob and an object URL. */
export function download(text: string, filename: string, type: string): void {
  saveBlob(new Blob([text], { type }), filename);
}
