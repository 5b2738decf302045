import { FileSchemaError } from '../../core/schemas/issues';
import { parseSweepFile } from '../../core/schemas/sweepResult';
import { VARIANT_IDS } from '../../core/variantSpecs';
import type { SweepFit, SweepRow } from '../../engine/results';
import { decodeLinkJson, encodeLinkJson } from '../../shared/linkJson';
import type { ResultSet } from './precomputed';
import { resultSetOf } from './resultFiles';

/**
 * Measured results inside a link (`r=` in the hash): the rows, fits and provenance as compact
 * JSON (shared/linkJson: deflated, base64url). What is left out or rounded
 * (RESULTS_LINK_ROUNDING) keeps what the charts and the table show unchanged. Decoding checks
 * sizes, then the result-file schema; any failure is a sentence for a notice, never a throw.
 */

/** Whole links longer than this are not offered: some mail and chat apps cut long links. */
export const LINK_LIMIT_CHARS = 8000;
const CAPS = { encodedChars: 64 * 1024, jsonBytes: 1024 * 1024 };

/** What the link leaves out or rounds, in words for the Share dialog. */
export const RESULTS_LINK_ROUNDING =
  'times rounded to 0.001 ms (as the table shows them), errors and fits to 4 significant digits; ' +
  'the per-repeat times (msAll) are left out, their median, min and max are kept';

const FORMAT = 1;
const COLUMNS = [
  'variant',
  'n',
  'msMedian',
  'msMin',
  'msMax',
  'peakBytes',
  'analyticBytes',
  'analyticFlops',
  'relError',
  'maxAbsError',
  'errorReference',
  'kernelMs',
] as const;

/** Times: 3 decimals as the table shows them; tiny ones keep 4 significant digits (never 0). */
export const roundMs = (x: number) =>
  Math.abs(x) < 0.01 ? Number(x.toPrecision(4)) : Math.round(x * 1000) / 1000;
/** Errors and fit values: 4 significant digits; integers (bytes, FLOPs, n) stay exact. */
export const round4 = (x: number) => (Number.isInteger(x) ? x : Number(x.toPrecision(4)));

const roundOrNull = (x: unknown, f: (x: number) => number) =>
  typeof x === 'number' && Number.isFinite(x) ? f(x) : (x ?? null);

/** Rows as one array each (column names once), refused rows as [variant, n, reason]. */
function packRow(r: SweepRow): unknown[] {
  if (r.refused !== undefined) return [r.variant, r.n, r.refused];
  return COLUMNS.map((k) => {
    const x = r[k];
    if (k.startsWith('ms') || k === 'kernelMs') return roundOrNull(x, roundMs);
    if (k === 'relError' || k === 'maxAbsError') return roundOrNull(x, round4);
    return x ?? null;
  });
}

function unpackRow(a: unknown): unknown {
  if (!Array.isArray(a)) return a;
  if (a.length === 3) return { variant: a[0], n: a[1], refused: a[2] };
  if (a.length !== COLUMNS.length) return a;
  const row: Record<string, unknown> = {};
  COLUMNS.forEach((k, i) => {
    if (!(k === 'kernelMs' && a[i] === null)) row[k] = a[i];
  });
  return row;
}

const packFit = (f: SweepFit) =>
  Object.fromEntries(
    Object.entries(f).map(([k, x]) => [k, typeof x === 'number' ? round4(x) : x]),
  ) as unknown as SweepFit;

/** The compact JSON a link carries (pure; exported for tests). */
export function packResults(set: ResultSet): unknown {
  return {
    v: FORMAT,
    config: set.config,
    rows: set.rows.map(packRow),
    fits: set.fits.map(packFit),
    provenance: set.provenance,
  };
}

/** A packed object back to a checked result set, or why it cannot be shown. */
export function unpackResults(data: unknown): ResultSet | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return 'it is not a results object';
  const d = data as Record<string, unknown>;
  if (d.v !== FORMAT) return 'it was made by another version of this app';
  const file = {
    config: d.config,
    rows: Array.isArray(d.rows) ? d.rows.map(unpackRow) : d.rows,
    fits: d.fits,
    provenance: d.provenance,
  };
  let checked: unknown;
  try {
    checked = parseSweepFile(file);
  } catch (err) {
    if (err instanceof FileSchemaError) return err.message;
    throw err;
  }
  const set = resultSetOf(checked);
  if (typeof set === 'string') return set;
  // The own kernel's rows are known by the kernel the results carry (config.ownKernel).
  const own = set.config.ownKernel?.name;
  const unknown = [...set.rows, ...set.fits].find(
    (r) => !VARIANT_IDS.includes(r.variant) && r.variant !== own,
  );
  if (unknown)
    return `it names a variant this app does not have ("${unknown.variant.slice(0, 40)}")`;
  return set;
}

/** The `r=` value for a result set. */
export async function encodeResults(set: ResultSet): Promise<string> {
  return encodeLinkJson(packResults(set));
}

/** An `r=` value back to a checked result set, or the reason it cannot be shown. */
export async function decodeResults(value: string): Promise<ResultSet | string> {
  const json = await decodeLinkJson(value, CAPS);
  return json.ok ? unpackResults(json.data) : json.why;
}
