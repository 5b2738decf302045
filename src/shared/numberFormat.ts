import { format } from 'd3';

/**
 * Every number the page writes, in one place, on d3-format: axes, tooltips, tables, the engine
 * status. Significant digits throughout; "~" drops trailing zeros where a value reads better
 * without them (1.5 MiB, 1e-3).
 */

const sig3 = format('.3r');
const sig3Trim = format('.3~r');
const exp2Trim = format('.2~e');
const exp1 = format('.1e');
const exp0 = format('.0e');
const fixed1 = format('.1f');
const grouped = format(',.0f');

/** A duration: "532 µs", "12.4 ms", "1.53 s". */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${sig3(ms / 1000)} s`;
  if (ms >= 1) return `${sig3(ms)} ms`;
  return `${sig3(ms * 1000)} µs`;
}

/** Bytes in binary units, three significant digits, trailing zeros dropped: "1 MiB", "1.5 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? String(v) : sig3Trim(v)} ${units[u]}`;
}

/** An error: 0.1, 0.0123, 1e-3, 3.67e-7 (axis ticks read 0.1, not 0.100). */
export function formatError(x: number): string {
  return x >= 0.01 || x === 0 ? sig3Trim(x) : exp2Trim(x);
}

/** n on axes: 1024 → 1K, 16384 → 16K. */
export function formatN(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}K` : String(Math.round(n));
}

const MiB = 1024 * 1024;

/** A device limit in MiB: "1,024 MiB", "1.5 MiB". */
export function formatMiB(bytes: number): string {
  const mib = bytes / MiB;
  return `${mib >= 100 ? grouped(mib) : fixed1(mib)} MiB`;
}

/** A difference in scientific notation (0 stays "0"; null or non-finite says so). */
export function formatDiff(x: number | null): string {
  if (x === null) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return '∞';
  return x === 0 ? '0' : exp1(x);
}

export function formatParams(params: Readonly<Record<string, number>>): string {
  const entries = Object.entries(params);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'no parameters';
}

/** A tolerance such as 1e-4 (one significant digit is all a tolerance has). */
export function formatTolerance(x: number): string {
  return exp0(x);
}

const fixed2 = format('.2f');

/** A fitted exponent as a power of n: "n^1.97". */
export function formatExponent(slope: number): string {
  return `n^${fixed2(slope)}`;
}

/** Seconds a run took: "12.3 s", "under 0.1 s". */
export function formatSeconds(s: number): string {
  return s < 0.1 ? 'under 0.1 s' : `${fixed1(s)} s`;
}

/** Three significant digits, trailing zeros dropped: 0.25, 1.23, 12300. */
export function formatSig3(x: number): string {
  return sig3Trim(x);
}
