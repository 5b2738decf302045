/** Number formats shared by axes, tooltips and tables. */

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  // Three significant digits, trailing zeros dropped: "1 MiB", "1.5 MiB", "954 MiB".
  return `${u === 0 ? v : Number(v.toPrecision(3))} ${units[u]}`;
}

/** Three significant digits, trailing zeros dropped (axis ticks read 0.1, 1e-3, not 0.100, 1.00e-3). */
export function formatError(x: number): string {
  if (x >= 0.01 || x === 0) return String(Number(x.toPrecision(3)));
  return x.toExponential(2).replace(/\.?0+e/, 'e');
}

/** n on axes: 1024 → 1K, 16384 → 16K. */
export function formatN(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}K` : String(Math.round(n));
}
