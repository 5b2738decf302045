/** Display helpers for the engine status (memory, differences, parameters, tolerances). */

const MiB = 1024 * 1024;

export function formatMiB(bytes: number): string {
  const mib = bytes / MiB;
  return `${mib >= 100 ? Math.round(mib).toLocaleString('en') : mib.toFixed(1)} MiB`;
}

/** A difference in scientific notation (0 stays "0"; null or non-finite says so). */
export function formatDiff(x: number | null): string {
  if (x === null) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return '∞';
  return x === 0 ? '0' : x.toExponential(1);
}

export function formatParams(params: Readonly<Record<string, number>>): string {
  const entries = Object.entries(params);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'no parameters';
}

/** A tolerance such as 1e-4 (one significant digit is all a tolerance has). */
export function formatTolerance(x: number): string {
  return x.toExponential(0);
}
