import { saveBlob } from '../../charts/exportChart';
import { slug } from '../../charts/exportStyle';
import { sweepCsv } from '../../engine/results';
import type { SweepFit, SweepRow } from '../../engine/sweep';
import type { SweepJobConfig } from '../../worker/sweepProtocol';

/**
 * Downloads of the shown results: JSON in the CLI's sweep shape ({config, rows, fits,
 * provenance}) and CSV with the CLI's sweep columns (one record per row). The file name, JSON
 * text and save helpers are shared by every screen's downloads.
 */

export interface ExportInput {
  config: SweepJobConfig | null;
  rows: readonly SweepRow[];
  fits: readonly SweepFit[];
  provenance: Record<string, unknown> | null;
}

/** One number or null on its own line, as JSON.stringify indents the items of an array. */
const ITEM = String.raw`(?:-?\d[\d.eE+-]*|null)`;
const NUMBER_ARRAY = new RegExp(String.raw`\[\n\s*${ITEM}(?:,\n\s*${ITEM})*\n\s*\]`, 'g');

/**
 * Indented JSON with each array of numbers on one line: a T×T matrix stays a few lines, not T²
 * (a JSON string always has quotes, so the pattern never meets one).
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    NUMBER_ARRAY,
    (m) => `[${m.slice(1, -1).trim().split(/,\s+/).join(', ')}]`,
  );
  return `${text}\n`;
}

export function buildJson(x: ExportInput): string {
  const { config, rows, fits, provenance } = x;
  return jsonText({ config, rows, fits, provenance });
}

/** CSV with the CLI's sweep columns; params from the run's provenance (or its config). */
export function buildCsv(x: ExportInput): string {
  const params = (x.provenance?.params ?? x.config?.params ?? {}) as Record<string, unknown>;
  return sweepCsv(x.rows, x.fits, params);
}

/** ['hardness', 'bounded'] → hardness-bounded-2025-01-31.json (each part made file-safe). */
export function datedName(parts: readonly string[], ext: string, date = new Date()): string {
  return `${[...parts.map(slug), date.toISOString().slice(0, 10)].join('-')}.${ext}`;
}

/** complexity-2025-01-31.json */
export function exportName(ext: 'json' | 'csv', date = new Date()): string {
  return datedName(['complexity'], ext, date);
}

/** Save text as a file through a Blob and an object URL. */
export function download(text: string, filename: string, type: string): void {
  saveBlob(new Blob([text], { type }), filename);
}

/** Save a value as an indented JSON file. */
export function downloadJson(value: unknown, filename: string): void {
  download(jsonText(value), filename, 'application/json');
}
