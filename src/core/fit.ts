/**
 * Least-squares fit of log(y) = slope·log(n) + intercept: the measured exponent of a cost in n
 * (2 for quadratic attention, 1 for linear). r2 says how straight the log-log line is.
 */
export interface PowerFit {
  slope: number;
  intercept: number;
  r2: number;
  points: number;
}

export function logLogSlope(ns: readonly number[], ys: readonly number[]): PowerFit | null {
  const pts = ns
    .map((n, i) => [n, ys[i]] as const)
    .filter(([n, y]) => n > 0 && y > 0 && Number.isFinite(n) && Number.isFinite(y));
  if (pts.length < 2) return null;
  const xs = pts.map(([n]) => Math.log(n));
  const ls = pts.map(([, y]) => Math.log(y));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ls.reduce((s, y) => s + y, 0) / ls.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ls[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ls[i] - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: my - slope * mx, r2, points: pts.length };
}
