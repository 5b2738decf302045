import { isMeasured, type SweepFit, type SweepRow } from '../../engine/sweep';
import { type BenchCheck, type FitRange, gflopsPerSecond } from './benchChecks';
import { overheadFigures } from './benchOverhead';

/** The bench's summary for people (stderr), shared by the Node and the browser bench. */

const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : x.toFixed(digits);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const percent = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

/**
 * Median ms per variant and n; the checked and full-range exponents; at the largest n the peak
 * tensor MiB, the achieved GFLOP/s (analytic FLOPs over median time) and the overhead over
 * kernel time (benchOverhead); then one line per check.
 */
export function benchTable(
  rows: readonly SweepRow[],
  fits: { checked: SweepFit[]; fullRange: SweepFit[] },
  checks: readonly BenchCheck[],
  range: FitRange,
  ns: readonly number[],
): string[] {
  const nMax = ns[ns.length - 1];
  const head = `${'variant'.padEnd(10)}${ns.map((n) => `n=${n}`.padStart(11)).join('')}`;
  const lines = [
    `median ms; exponents fitted over n = ${range.nMin}…${range.nMax} and over all n; ` +
      `peak tensor MiB, GFLOP/s and overhead over kernel time at n = ${nMax}`,
    `${head}   exp(fit)  exp(all)  peak MiB   GFLOP/s  overhead`,
  ];
  const overhead = overheadFigures(rows);
  const gflops = gflopsPerSecond(rows);
  const atMax = <T extends { variant: string; n: number }>(xs: T[], id: string) =>
    xs.find((x) => x.variant === id && x.n === nMax);
  for (const fit of fits.checked) {
    const cells = ns.map((n) => {
      const r = rows.find((x) => x.variant === fit.variant && x.n === n);
      return (!r ? '' : isMeasured(r) ? fmt(r.msMedian, 1) : 'refused').padStart(11);
    });
    const last = rows.find((x) => x.variant === fit.variant && x.n === nMax);
    const all = fits.fullRange.find((f) => f.variant === fit.variant)?.slope;
    const measured = last && isMeasured(last) ? last : null;
    const peak = measured ? mib(measured.peakBytes) : '—';
    const rate = fmt(atMax(gflops, fit.variant)?.gflops, 3);
    const over = atMax(overhead, fit.variant)?.overhead;
    lines.push(
      `${fit.variant.padEnd(10)}${cells.join('')}   ${fmt(fit.slope).padStart(8)}  ${fmt(all).padStart(8)}  ${peak.padStart(8)}  ${rate.padStart(8)}  ${percent(over).padStart(8)}`,
    );
  }
  for (const c of checks) {
    const tag = c.status === 'pass' ? 'PASS' : c.status === 'fail' ? 'FAIL' : 'SKIP';
    const note = c.note ? ` [${c.note}]` : '';
    lines.push(`${tag} ${c.name}: ${fmt(c.measured, 3)} (${c.bound})${note}`);
  }
  return lines;
}

/** " (google swiftshader, software)" for an adapter report; "" for none. */
export function adapterText(adapter: unknown): string {
  if (typeof adapter !== 'object' || adapter === null) return '';
  const a = adapter as { vendor?: unknown; architecture?: unknown; isFallbackAdapter?: unknown };
  const name = [a.vendor, a.architecture].filter((x) => typeof x === 'string' && x).join(' ');
  const soft = a.isFallbackAdapter === true ? ', software' : '';
  return name || soft ? ` (${name || 'unnamed adapter'}${soft})` : '';
}
