import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../engine/backend';
import { fallbackNotice, orderFrom, parseBackendParam } from './backendParam';

describe('parseBackendParam', () => {
  it('uses the default order without a parameter', () => {
    expect(parseBackendParam('', '')).toEqual({ order: undefined, forced: null, notice: null });
  });

  it('starts the order at the named backend (query or hash)', () => {
    expect(parseBackendParam('?backend=wasm', '')).toMatchObject({
      order: ['wasm', 'cpu'],
      forced: 'wasm',
    });
    expect(parseBackendParam('', '#backend=webgl').order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(parseBackendParam('', '#/lab?backend=CPU').order).toEqual(['cpu']);
    expect(orderFrom('webgpu')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('ignores an invalid value with a notice', () => {
    const choice = parseBackendParam('?backend=bogus', '');
    expect(choice.order).toBeUndefined();
    expect(choice.forced).toBeNull();
    expect(choice.notice).toMatch(/Ignored backend "bogus"/);
  });
});

describe('fallbackNotice', () => {
  const base: BackendReport = {
    name: 'webgl',
    reason: '',
    failures: [],
    adapter: null,
    limits: { maxBufferSize: 1, maxStorageBufferBindingSize: 1 },
    features: [],
    hasTimestampQuery: false,
    tfjsVersion: '4.22.0',
  };

  it('is silent on webgpu', () => {
    expect(fallbackNotice({ ...base, name: 'webgpu' }, null)).toBeNull();
  });

  it('gives WebGPU’s error when it failed', () => {
    const report = { ...base, failures: [{ name: 'webgpu' as const, error: 'no adapter' }] };
    expect(fallbackNotice(report, null)).toBe('WebGPU unavailable (no adapter) — running on webgl');
  });

  it('says when the URL skipped WebGPU', () => {
    expect(fallbackNotice({ ...base, name: 'wasm' }, 'wasm')).toMatch(
      /WebGPU skipped .*backend=wasm.* running on wasm/,
    );
  });
});
