import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { largeNExponent } from '../../core/fit';
import { isMeasured, type MeasuredRow } from '../../engine/results';
import { resultSetOfText } from './resultFiles';

/**
 * The reference run the app ships (public/precomputed/complexity.json, written by
 * `npm run bench -- --precompute`) shows what the story says: exact attention's large-n exponent
 * near 2, the linear family's near 1, and the fused kernel beating dense and composed flash in
 * time at a fraction of dense's memory.
 */

/**
 * Dense's large-n exponent near 2 (2.04 over 1K–4K in the shipped run): at most 2.2, and a fit
 * dominated by per-call overhead (below 1.8) fails too.
 */
const DENSE_MAX = 2.2;
const set = resultSetOfText(readFileSync('public/precomputed/complexity.json', 'utf8'));
if (typeof set === 'string') throw new Error(`the shipped run does not load: ${set}`);
const measured = set.rows.filter(isMeasured) as MeasuredRow[];
const at = (variant: string, n: number) => measured.find((r) => r.variant === variant && r.n === n);
const nsOf = (variant: string) => measured.filter((r) => r.variant === variant).map((r) => r.n);
const largeN = (variant: string) =>
  largeNExponent(
    measured.filter((r) => r.variant === variant).map((r) => ({ n: r.n, ms: r.msMedian })),
  );

describe('the shipped reference run', () => {
  it('reaches n = 16384 for the linear family and records how it was made', () => {
    expect(Math.max(...nsOf('linear'))).toBe(16384);
    const ref = set.provenance.referenceRun as { command: string; host: { cpuCores: number } };
    expect(ref.command).toBe('npm run bench -- --precompute');
    expect(ref.host.cpuCores).toBeGreaterThan(0);
  });

  it('has large-n exponents that show the theory: dense 1.8–2.2, linear family ≤ 1.3', () => {
    const dense = largeN('dense').slope as number;
    expect(dense).toBeGreaterThanOrEqual(1.8);
    expect(dense).toBeLessThanOrEqual(DENSE_MAX);
    for (const v of ['window', 'linformer', 'performer', 'linear']) {
      expect(largeN(v).slope, v).toBeLessThanOrEqual(1.3);
    }
  });

  it('has fused beating dense and flash in time, at ≤ 1/20 of dense’s peak memory', () => {
    const denseMax = Math.max(...nsOf('dense'));
    const fused = at('fused', denseMax);
    const dense = at('dense', denseMax);
    expect(fused && dense, `fused and dense at n = ${denseMax}`).toBeTruthy();
    if (!fused || !dense) return;
    expect(fused.msMedian).toBeLessThan(dense.msMedian);
    expect(fused.peakBytes).toBeLessThanOrEqual(dense.peakBytes / 20);
    // Composed flash too, at the largest n all three share.
    const shared = Math.max(...nsOf('flash').filter((n) => nsOf('fused').includes(n)));
    const flash = at('flash', shared);
    expect(at('fused', shared)?.msMedian).toBeLessThan(flash?.msMedian as number);
  });

  it('gives no error where the run had no reference it stands behind', () => {
    const denseMax = Math.max(...nsOf('dense'));
    for (const r of measured.filter((m) => m.n > denseMax)) {
      expect(r.relError, `${r.variant} n = ${r.n}`).toBeNull();
    }
  });
});
