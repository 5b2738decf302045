import { max, min } from '../../core/stats';
import type { ModExperiment } from '../../worker/hardnessProtocol';
import { dateOf } from '../complexity';
import type { ModFile, ModRun } from './model/modFile';
import { FIT_POINTS, type ModMarks } from './timingMarks';

/**
 * What the Mixture-of-Depths panel says about the numbers it shows (pure, so the unit tests can
 * check the shipped file against the panel's own sentences).
 */

/** A fitted exponent further than this from 2 gets the small-size explanation. */
export const FAR_FROM_2 = 0.3;

const pct = (x: number) => `${Number((x * 100).toPrecision(3))}%`;
export const fixed = (x: number | null) => (x === null ? '–' : x.toFixed(2));

const setup = (e: ModExperiment) =>
  `d = ${e.d}, capacity ${pct(e.capacity)}, S = ${min(e.ns)}…${max(e.ns)}, median of ${e.repeats}`;

/** "wasm, Node v20.1.0, Intel Xeon (2 cores), 2025-01-31": where and when the file was made. */
export function madeOn(p: Record<string, unknown>): string {
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const cores = typeof p.cpuCount === 'number' ? ` (${p.cpuCount} cores)` : '';
  const parts = [
    str('backend') ?? 'an unknown backend',
    str('node') ? `Node ${str('node')}` : null,
    str('cpu') ? `${str('cpu')}${cores}` : null,
    dateOf(p),
  ];
  return parts.filter((x) => x !== null).join(', ');
}

/** The status line of the shipped run; says so when it is not at the capacity asked for. */
export function precomputedSource(file: ModFile, run: ModRun, capacity: number): string {
  const other =
    run.experiment.capacity === capacity
      ? ''
      : ` The shipped file holds capacities ${file.runs.map((r) => pct(r.experiment.capacity)).join(', ')}, not ${pct(capacity)}: press Run live for it.`;
  return `Pre-computed on ${madeOn(file.provenance)} (${setup(run.experiment)}). Press Run live to measure on this device.${other}`;
}

export const liveSource = (backend: string, e: ModExperiment) =>
  `Measured live on ${backend} (${setup(e)}).`;

export const loadFailed = (error: string) =>
  `The pre-computed measurement could not be loaded (${error}); press Run live to measure on this device.`;

/** Legend notes: S^x of measured time, and beside the routed one its FLOPs exponent. */
export function legendNote(marks: ModMarks, id: string): string | undefined {
  const e = marks.exponents;
  if (id === 'full') return `S^${fixed(e.full)}`;
  if (id === 'routed') return `S^${fixed(e.routed)}, FLOPs S^${fixed(e.routedFlops)}`;
  return undefined;
}

/** The measured exponents, the analytic one and the ratio at the largest S against (C/S)². */
export function summary(marks: ModMarks): string {
  const e = marks.exponents;
  const r = marks.ratioAtLargest;
  const count = Math.min(FIT_POINTS, marks.series[0]?.points.length ?? 0);
  const over = count === FIT_POINTS ? 'the three largest S' : `${count} S`;
  const head = `Fitted exponents over ${over}: full ${fixed(e.full)}, routed ${fixed(e.routed)} (measured time); routed FLOPs ${fixed(e.routedFlops)} (cost formula).`;
  if (!r) return head;
  const rest =
    r.measured > 1.1 * r.theory
      ? ' The excess over (C/S)² includes the router’s own kernels (scores, top-C, gather, scatter), which grow far more slowly than S².'
      : '';
  return `${head} At S = ${r.n} the routed block took ${pct(r.measured)} of full, against (C/S)² = ${pct(r.theory)}.${rest}`;
}

/** Said only when a fitted slope is far from 2: why, and where to look instead. */
export function smallSizeNote(marks: ModMarks): string | null {
  const { full, routed } = marks.exponents;
  const far = [full, routed].some((x) => x === null || Math.abs(x - 2) > FAR_FROM_2);
  if (!far) return null;
  return 'At these sizes fixed per-call costs (dispatching kernels, reading the result back) and the router’s own kernels take much of each call, so the measured slope flattens and says little about the exponent. The quadratic term dominates only once S, and the routed C = (C/S)·S tokens, are large: see the pre-computed run, or choose a larger S on a fast device.';
}
