import type { EtaPrior } from '../../core/eta';
import type { SweepFit, SweepRow } from '../../engine/sweep';
import { formatSeconds } from '../../shared/numberFormat';
import type { SweepJobConfig, SweepOutcome, SweepProgressInfo } from '../../worker/sweepProtocol';
import { duration } from './model/callEstimate';
import { runMsLeft } from './model/runEta';

/**
 * The lab's run slice and its pure transitions: start, a progress message, the final outcome,
 * a crash. Rows arrive one by one and are kept whatever ends the run.
 */

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
/** 'file': a result file the user opened (Open results); 'shared': results from a link (`r=`). */
export type RunSource = 'precomputed' | 'live' | 'file' | 'shared';

export interface RunProgress {
  variant: string;
  n: number;
  step: number;
  total: number;
  /** Points finished. */
  done: number;
  /** ms since the run started, at the last progress message. */
  elapsedMs: number;
  /** When the point in flight started (null between points). */
  pointStartedAt: number | null;
  /** Predicted ms left at `at` (null until a point has finished). */
  msLeft: number | null;
  /** When msLeft was predicted. */
  at: number;
}

/**
 * The engine was stopped because the call in flight did not yield to Cancel: 'restarting' until
 * the fresh engine has started, then 'ready' or 'failed' (with why).
 */
export interface EngineStop {
  state: 'restarting' | 'ready' | 'failed';
  error?: string;
}

export interface LabRun {
  status: RunStatus;
  source: RunSource | null;
  /** The request the rows belong to (null before any result). */
  config: SweepJobConfig | null;
  rows: SweepRow[];
  fits: SweepFit[];
  provenance: Record<string, unknown> | null;
  progress: RunProgress | null;
  error: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  tensors: { before: number; after: number } | null;
  /** Cancel was pressed; the run goes on until the current call returns (or the engine stops). */
  cancelRequested?: boolean;
  engineStop?: EngineStop | null;
  /** What the time left assumes before points are measured (the engine's kind). */
  etaPrior?: EtaPrior;
}

export const IDLE_RUN: LabRun = {
  status: 'idle',
  source: null,
  config: null,
  rows: [],
  fits: [],
  provenance: null,
  progress: null,
  error: null,
  startedAt: null,
  finishedAt: null,
  tensors: null,
};

export function startRun(config: SweepJobConfig, now: number, etaPrior?: EtaPrior): LabRun {
  const total = config.variants.length * config.ns.length;
  return {
    ...IDLE_RUN,
    status: 'running',
    source: 'live',
    config,
    startedAt: now,
    etaPrior,
    progress: {
      variant: config.variants[0],
      n: config.ns[0],
      step: 1,
      total,
      done: 0,
      elapsedMs: 0,
      pointStartedAt: now,
      msLeft: null,
      at: now,
    },
  };
}

/** Rows in the request's order (variants, then n), one per point. */
export function sortRows(rows: readonly SweepRow[], config: SweepJobConfig | null): SweepRow[] {
  if (!config) return [...rows];
  const key = (r: SweepRow) => {
    const v = config.variants.indexOf(r.variant);
    const n = config.ns.indexOf(r.n);
    return (v < 0 ? 1e6 : v) * 1e4 + (n < 0 ? 9999 : n);
  };
  return [...rows].sort((a, b) => key(a) - key(b));
}

export function applyProgress(run: LabRun, p: SweepProgressInfo, now: number): LabRun {
  if (run.status !== 'running') return run;
  const elapsedMs = now - (run.startedAt ?? now);
  const done = p.phase === 'done' ? p.step : p.step - 1;
  const pointStartedAt = p.phase === 'start' ? now : null;
  const row = p.phase === 'done' ? p.row : undefined;
  const rows = row
    ? sortRows(
        [...run.rows.filter((r) => !(r.variant === row.variant && r.n === row.n)), row],
        run.config,
      )
    : run.rows;
  const msLeft =
    run.config && run.etaPrior
      ? runMsLeft(run.config, rows, p.step, pointStartedAt === null ? null : 0, run.etaPrior)
      : null;
  const progress: RunProgress = {
    ...{ variant: p.variant, n: p.n, step: p.step, total: p.total, done, elapsedMs },
    ...{ pointStartedAt, msLeft, at: now },
  };
  return { ...run, progress, rows };
}

/**
 * The estimate at `now`, counted down from when it was made; null before the first point has
 * finished (or without a prior).
 */
export function secondsLeft(p: RunProgress, now = p.at): number | null {
  if (p.msLeft === null) return null;
  return Math.max(0, Math.round((p.msLeft - Math.max(0, now - p.at)) / 1000));
}

/** "dense, n = 256, step 3 of 12, about 4 s left". */
export function progressText(p: RunProgress, now = p.at): string {
  const left = secondsLeft(p, now);
  const time = left === null ? 'estimating time left' : `about ${duration(left)} left`;
  return `${p.variant}, n = ${p.n}, step ${p.step} of ${p.total}, ${time}`;
}

export function finishRun(run: LabRun, outcome: SweepOutcome, now: number): LabRun {
  const status: RunStatus = outcome.error ? 'failed' : outcome.cancelled ? 'cancelled' : 'done';
  // The final rows are complete; a failed sweep may hold fewer than the progress did.
  const rows = outcome.rows.length >= run.rows.length ? outcome.rows : run.rows;
  return {
    ...run,
    status,
    rows: sortRows(rows, run.config),
    fits: outcome.fits,
    provenance: outcome.provenance,
    progress: null,
    error: outcome.error ?? null,
    finishedAt: now,
    tensors: outcome.tensors,
  };
}

/** Cancel pressed: shown at once, whatever the worker is doing. */
export function requestCancel(run: LabRun): LabRun {
  return run.status === 'running' ? { ...run, cancelRequested: true } : run;
}

/** The call in flight did not yield: the run ends cancelled, its rows kept. */
export function stopRun(run: LabRun, now: number): LabRun {
  if (run.status !== 'running') return run;
  return {
    ...run,
    status: 'cancelled',
    progress: null,
    finishedAt: now,
    engineStop: { state: 'restarting' },
  };
}

/**
 * The engine was stopped because the user's kernel ran past its time limit: the run failed with
 * that reason (its rows kept), and the fresh engine is awaited as after any stop.
 */
export function lateKernelRun(run: LabRun, why: string, now: number): LabRun {
  if (run.status !== 'running') return run;
  return { ...stopRun(run, now), status: 'failed', error: why };
}

/** The fresh engine after a stop has started, or failed to. */
export function freshEngine(run: LabRun, error: string | null): LabRun {
  if (run.engineStop?.state !== 'restarting') return run;
  const engineStop: EngineStop = error ? { state: 'failed', error } : { state: 'ready' };
  return { ...run, engineStop };
}

const STOPPED = 'stopped the engine: the call in flight did not yield';

function stopText(stop: EngineStop): string {
  if (stop.state === 'restarting') return `${STOPPED}; starting a fresh engine…`;
  if (stop.state === 'ready') return `${STOPPED}; a fresh engine is ready.`;
  return `${STOPPED}; the fresh engine did not start (${stop.error ?? 'unknown error'}).`;
}

/** The job ended without a result (worker crash, device lost, cancelled before it began). */
export function abortRun(
  run: LabRun,
  status: 'failed' | 'cancelled',
  error: string | null,
  now: number,
): LabRun {
  if (run.status !== 'running') return run;
  return { ...run, status, error, progress: null, finishedAt: now };
}

const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** The run-status line: starts with "Done", "Cancelled" or "Failed" once a run ends. */
export function statusText(run: LabRun): string | null {
  const measured = run.rows.filter((r) => r.refused === undefined).length;
  const refused = run.rows.length - measured;
  const secs =
    run.startedAt !== null && run.finishedAt !== null
      ? ` in ${formatSeconds((run.finishedAt - run.startedAt) / 1000)}`
      : '';
  const counts = `${plural(measured, 'point')} measured${refused ? `, ${refused} refused` : ''}`;
  switch (run.status) {
    case 'done':
      return `Done: ${counts}${secs}.`;
    case 'cancelled':
      return run.engineStop
        ? `Cancelled: ${stopText(run.engineStop)} ${counts} before the cancel; they are kept below.`
        : `Cancelled: ${counts} before the cancel; they are kept below.`;
    case 'failed':
      return `Failed: ${run.error ?? 'unknown error'}. ${counts} before it; they are kept below.`;
    case 'running':
      return run.cancelRequested
        ? `Cancelling after the current call… ${counts} so far.`
        : `Running: ${counts} so far.`;
    default:
      return null;
  }
}
