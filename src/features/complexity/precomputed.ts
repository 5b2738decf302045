import { type Fields, isObject } from '../../core/fieldChecks';
import type { SweepFit, SweepRow } from '../../engine/sweep';
import type { SweepJobConfig } from '../../worker/sweepProtocol';

/**
 * The pre-computed run shipped in public/precomputed/complexity.json (the CLI's or the bench's
 * sweep JSON: {config?, rows, fits, provenance}), read and checked before it is shown.
 */

export const PRECOMPUTED_URL = 'precomputed/complexity.json';

export interface ResultSet {
  config: SweepJobConfig;
  rows: SweepRow[];
  fits: SweepFit[];
  provenance: Record<string, unknown>;
}

const num = (x: unknown, fallback: number) => (typeof x === 'number' ? x : fallback);

function isRow(x: unknown): x is SweepRow {
  if (!isObject(x) || typeof x.variant !== 'string' || typeof x.n !== 'number') return false;
  if (typeof x.refused === 'string') return true;
  return ['msMedian', 'msMin', 'msMax', 'peakBytes', 'analyticBytes', 'analyticFlops'].every(
    (k) => typeof x[k] === 'number',
  );
}

/** The request a result answers, from its config or, for the CLI's files, its provenance. */
function configOf(data: Fields, p: Fields, rows: SweepRow[]): SweepJobConfig {
  const c = isObject(data.config) ? data.config : p;
  const list = <T>(x: unknown, fallback: T[]) => (Array.isArray(x) ? (x as T[]) : fallback);
  return {
    variants: list(c.variants, [...new Set(rows.map((r) => r.variant))]),
    ns: list(c.ns, [...new Set(rows.map((r) => r.n))]),
    d: num(c.d, 64),
    heads: num(c.heads, 1),
    causal: c.causal === true,
    inputKind: (typeof c.inputKind === 'string'
      ? c.inputKind
      : 'gaussian') as SweepJobConfig['inputKind'],
    seed: num(c.seed, 1),
    repeats: num(c.repeats, 1),
    params: isObject(c.params) ? (c.params as SweepJobConfig['params']) : {},
  };
}

/** The result set, or the reason the file cannot be shown. */
export function parseResultSet(data: unknown): ResultSet | string {
  if (!isObject(data)) return 'the file is not a JSON object';
  if (!Array.isArray(data.rows)) return 'the file has no "rows" list';
  const bad = data.rows.findIndex((r) => !isRow(r));
  if (bad >= 0) return `row ${bad + 1} lacks a variant, n or a measured number`;
  if (data.rows.length === 0) return 'the file has no rows';
  if (!isObject(data.provenance)) return 'the file has no "provenance"';
  const rows = data.rows as SweepRow[];
  return {
    config: configOf(data, data.provenance, rows),
    rows,
    fits: Array.isArray(data.fits) ? (data.fits as SweepFit[]) : [],
    provenance: data.provenance,
  };
}

/** A result file's text, parsed and checked: the result set, or why it cannot be shown. */
export function readResultText(text: string): ResultSet | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  return parseResultSet(data);
}

/** "Loaded run.json: measured on webgpu, Google swiftshader, 2025-01-31". */
export function loadedNotice(name: string, provenance: Record<string, unknown>): string {
  return `Loaded ${name}: measured on ${whereMade(provenance)}, ${dateOf(provenance)}`;
}

/** "webgpu, Google swiftshader (software)" / "wasm, Intel Xeon" — where a result was made. */
export function whereMade(p: Record<string, unknown>): string {
  const backend = typeof p.backend === 'string' ? p.backend : 'an unknown backend';
  const a = isObject(p.adapter) ? p.adapter : null;
  if (a) {
    const name = [a.vendor, a.architecture].filter((x) => typeof x === 'string' && x).join(' ');
    const soft = a.isFallbackAdapter === true ? ' (software adapter)' : '';
    return `${backend}, ${name || 'an adapter that gives no name'}${soft}`;
  }
  if (typeof p.cpu === 'string') return `${backend}, ${p.cpu}`;
  if (typeof p.userAgent === 'string') return `${backend}, ${p.userAgent}`;
  return backend;
}

export function dateOf(p: Record<string, unknown>): string {
  if (typeof p.date !== 'string') return 'an unknown date';
  const d = new Date(p.date);
  return Number.isNaN(d.getTime()) ? p.date : d.toISOString().slice(0, 10);
}

export async function loadPrecomputed(fetchImpl: typeof fetch = fetch): Promise<ResultSet> {
  const response = await fetchImpl(PRECOMPUTED_URL);
  if (!response.ok)
    throw new Error(`${PRECOMPUTED_URL} could not be loaded (HTTP ${response.status})`);
  const parsed = readResultText(await response.text());
  if (typeof parsed === 'string') throw new Error(`${PRECOMPUTED_URL} cannot be shown: ${parsed}`);
  return parsed;
}
