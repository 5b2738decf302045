import { describe, expect, it } from 'vitest';
import type { SweepRow } from '../../engine/sweep';
import { kernelLateText } from './kernelTimeLimit';
import { freshEngine, lateKernelRun, requestCancel, startRun, statusText, stopRun } from './labRun';
import {
  ASSUMED_GFLOPS,
  CONFIRM_CALL_S,
  engineKind,
  slowCallText,
  slowestCall,
} from './model/callEstimate';
import { DEFAULT_CONFIG, type LabConfig, toJobConfig } from './model/labConfig';

const row = (n: number): SweepRow => ({
  variant: 'dense',
  n,
  msMedian: 2,
  msMin: 1,
  msMax: 3,
  msAll: [1, 2, 3],
  peakBytes: 100,
  analyticBytes: 200,
  analyticFlops: 3e9,
  relError: 0,
  maxAbsError: 0,
  errorReference: 'dense',
});

describe('a cancel the engine does not yield to', () => {
  const config = toJobConfig({ ...DEFAULT_CONFIG, variants: ['dense'], nMin: 64, nMax: 128 });

  it('says "Cancelling" at once, then "stopped", keeping the rows, then that a fresh engine is ready', () => {
    const running = { ...startRun(config, 0), rows: [row(64)] };
    const cancelling = requestCancel(running);
    expect(cancelling.status).toBe('running');
    expect(statusText(cancelling)).toBe(
      'Cancelling after the current call… 1 point measured so far.',
    );
    const stopped = stopRun(cancelling, 100);
    expect(stopped).toMatchObject({ status: 'cancelled', finishedAt: 100, progress: null });
    expect(stopped.rows).toEqual([row(64)]);
    expect(statusText(stopped)).toMatch(
      /^Cancelled: stopped the engine: the call in flight did not yield; starting a fresh engine…/,
    );
    expect(statusText(freshEngine(stopped, null))).toMatch(
      /stopped the engine: the call in flight did not yield; a fresh engine is ready\. 1 point measured before the cancel/,
    );
    expect(statusText(freshEngine(stopped, 'adapter busy'))).toMatch(
      /the fresh engine did not start \(adapter busy\)/,
    );
  });

  it('a kernel past its time limit fails the run with that reason, rows kept, engine restarting', () => {
    const running = { ...startRun(config, 0), rows: [row(64)] };
    const late = lateKernelRun(running, kernelLateText('mine', 128), 100);
    expect(late).toMatchObject({ status: 'failed', finishedAt: 100, progress: null });
    expect(late.engineStop).toEqual({ state: 'restarting' });
    expect(late.rows).toEqual([row(64)]);
    expect(statusText(late)).toBe(
      'Failed: your kernel “mine” ran past the time limit of 20 s a call at n = 128, so the engine was stopped and restarted. 1 point measured before it; they are kept below.',
    );
    const done = { ...startRun(config, 0), status: 'done' as const };
    expect(lateKernelRun(done, 'x', 5)).toBe(done);
  });

  it('leaves ended runs alone', () => {
    const done = { ...startRun(config, 0), status: 'done' as const };
    expect(requestCancel(done)).toBe(done);
    expect(stopRun(done, 5)).toBe(done);
    expect(freshEngine(done, null)).toBe(done);
  });
});

const software = {
  name: 'webgpu' as const,
  adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 },
} as Parameters<typeof slowestCall>[1];
const hardware = {
  ...software,
  adapter: { ...software.adapter, isFallbackAdapter: false },
} as Parameters<typeof slowestCall>[1];

const lab = (patch: Partial<LabConfig>): LabConfig => ({ ...DEFAULT_CONFIG, ...patch });

describe('pre-flight estimate of the slowest call', () => {
  it('picks the engine kind from the backend and the adapter', () => {
    expect(engineKind(software)).toBe('softwareGpu');
    expect(engineKind(hardware)).toBe('gpu');
    expect(engineKind({ name: 'wasm', adapter: null })).toBe('wasm');
  });

  it('is dense FLOPs (4 n² d per head) over the assumed rate, at the largest n', () => {
    const e = slowestCall(
      lab({ variants: ['dense'], nMin: 1024, nMax: 4096, d: 64, heads: 2 }),
      software,
    );
    expect(e).toMatchObject({ variant: 'dense', n: 4096, kind: 'softwareGpu' });
    const flops = 2 * 4 * 4096 ** 2 * 64;
    expect(e?.flops).toBeGreaterThanOrEqual(flops);
    expect(e?.flops).toBeLessThan(flops * 1.1);
    expect(e?.seconds).toBeCloseTo((e?.flops ?? 0) / (ASSUMED_GFLOPS.softwareGpu * 1e9), 6);
    expect(e?.seconds).toBeGreaterThan(CONFIRM_CALL_S);
    expect(slowCallText(e ?? ({} as never))).toMatch(
      /dense at n = 4096, 8\.\d GFLOP.*about 29 s on a software GPU/,
    );
  });

  it('asks for the oversized linear call of the report, not for the default lab', () => {
    const big = lab({ variants: ['linear'], nMin: 16384, nMax: 16384, d: 256, heads: 16 });
    expect(slowestCall(big, software)?.seconds).toBeGreaterThan(60);
    expect(slowestCall(DEFAULT_CONFIG, software)?.seconds).toBeLessThan(CONFIRM_CALL_S);
    expect(slowestCall(big, hardware)?.seconds).toBeLessThan(CONFIRM_CALL_S);
  });

  it('leaves refused points out', () => {
    // Linformer cannot be causal: every point refused, nothing to estimate.
    expect(slowestCall(lab({ variants: ['linformer'], causal: true }), software)).toBeNull();
  });
});
