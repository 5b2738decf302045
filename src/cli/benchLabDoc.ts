import type { MeasuredRow, SweepRow } from '../engine/sweep';

/**
 * The lab's "Download JSON" document as `bench --browser` reads it: checked row by row, then
 * turned into the engine's SweepRows so the Node bench's checks apply unchanged.
 */

/** A row of the lab's download: a measured point (every number finite) or a refused one. */
export interface LabRow {
  variant: string;
  n: number;
  refused?: string;
  params?: Record<string, number>;
  msMedian?: number;
  msMin?: number;
  msMax?: number;
  peakBytes?: number | null;
  analyticBytes?: number;
  /** The lab writes `flops`; the CLI's sweep writes `analyticFlops`. Either is accepted. */
  flops?: number;
  analyticFlops?: number;
  relError?: number | null;
  /** tf.time kernel ms of one call (GPU timestamps), where the adapter has timestamp-query. */
  kernelMs?: number | null;
  [key: string]: unknown;
}

export interface LabDoc {
  config: Record<string, unknown>;
  rows: LabRow[];
  fits: unknown[];
  provenance: { backend: string; adapter: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

export interface LabExpectation {
  variants: readonly string[];
  ns: readonly number[];
  backend?: string;
  /** A cancelled run: rows may be missing (never extra). */
  partial?: boolean;
}

type Fields = Record<string, unknown>;
const isObject = (x: unknown): x is Fields =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Why one measured row is unusable, or null. Numbers must be finite and ordered. */
function rowProblem(r: Fields): string | null {
  for (const key of ['msMedian', 'msMin', 'msMax', 'analyticBytes', 'peakBytes'] as const) {
    if (!finite(r[key]) || (r[key] as number) < 0) {
      return `${key} is ${JSON.stringify(r[key])}, not a finite number ≥ 0`;
    }
  }
  const flops = r.flops ?? r.analyticFlops;
  if (!finite(flops) || flops < 0) {
    return `flops is ${JSON.stringify(flops)}, not a finite number ≥ 0`;
  }
  if (r.relError !== null && !(finite(r.relError) && r.relError >= 0)) {
    return `relError is ${JSON.stringify(r.relError)}, neither null nor a finite number ≥ 0`;
  }
  const [lo, mid, hi] = [r.msMin, r.msMedian, r.msMax] as number[];
  if (!(lo <= mid && mid <= hi)) return `ms not ordered: min ${lo}, median ${mid}, max ${hi}`;
  if (!(mid > 0)) return 'msMedian is 0: the timer did not run';
  return null;
}

/**
 * Check the lab's "Download JSON" document: {config, rows, fits, provenance}, every measured
 * row finite, one row per requested (variant, n), provenance naming its backend and adapter.
 * Throws an Error naming the first problem; returns the document typed.
 */
export function validateLabDoc(x: unknown, expect?: LabExpectation): LabDoc {
  const fail = (why: string): never => {
    throw new Error(`the lab's JSON: ${why}`);
  };
  if (!isObject(x)) return fail('not a JSON object');
  for (const key of ['config', 'provenance'] as const) {
    if (!isObject(x[key])) fail(`"${key}" is missing or not an object`);
  }
  if (!Array.isArray(x.rows)) fail('"rows" is missing or not an array');
  if (!Array.isArray(x.fits)) fail('"fits" is missing or not an array');
  const rows = x.rows as unknown[];
  if (rows.length === 0) fail('"rows" is empty');
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (!isObject(r)) return fail(`rows[${i}] is not an object`);
    if (typeof r.variant !== 'string' || r.variant === '') fail(`rows[${i}] has no variant`);
    if (!Number.isSafeInteger(r.n) || (r.n as number) < 1) fail(`rows[${i}] has no valid n`);
    const at = `rows[${i}] (${r.variant} n=${r.n})`;
    const key = `${r.variant}@${r.n}`;
    if (seen.has(key)) fail(`${at} appears twice`);
    seen.add(key);
    if (r.refused !== undefined) {
      if (typeof r.refused !== 'string' || r.refused === '') fail(`${at}: refused without reason`);
      continue;
    }
    const problem = rowProblem(r);
    if (problem) fail(`${at}: ${problem}`);
  }
  const prov = x.provenance as Fields;
  if (typeof prov.backend !== 'string' || prov.backend === '') fail('provenance.backend missing');
  if (!('adapter' in prov)) fail('provenance.adapter missing');
  if (expect) {
    const missing = expect.variants.flatMap((v) =>
      expect.ns.filter((n) => !seen.has(`${v}@${n}`)).map((n) => `${v} n=${n}`),
    );
    if (missing.length > 0 && !expect.partial) fail(`no row for ${missing.slice(0, 4).join(', ')}`);
    const extra = [...seen].filter(
      (k) => !expect.variants.some((v) => expect.ns.some((n) => k === `${v}@${n}`)),
    );
    if (extra.length > 0) fail(`rows not asked for: ${extra.slice(0, 4).join(', ')}`);
    if (expect.backend !== undefined && prov.backend !== expect.backend) {
      fail(`ran on ${prov.backend}, not on ${expect.backend} as asked`);
    }
  }
  return x as unknown as LabDoc;
}

/** The lab's rows as the engine's SweepRows, for benchChecks and benchTable. */
export function toSweepRows(rows: readonly LabRow[]): SweepRow[] {
  return rows.map((r): SweepRow => {
    if (r.refused !== undefined) return { variant: r.variant, n: r.n, refused: r.refused };
    const row: MeasuredRow = {
      variant: r.variant,
      n: r.n,
      msMedian: r.msMedian as number,
      msMin: r.msMin as number,
      msMax: r.msMax as number,
      msAll: Array.isArray(r.msAll) ? (r.msAll as number[]) : [],
      peakBytes: r.peakBytes ?? 0,
      analyticBytes: r.analyticBytes as number,
      analyticFlops: (r.flops ?? r.analyticFlops) as number,
      relError: r.relError ?? null,
      maxAbsError: typeof r.maxAbsError === 'number' ? r.maxAbsError : null,
      errorReference: null,
      ...(finite(r.kernelMs) ? { kernelMs: r.kernelMs } : {}),
    };
    return row;
  });
}
