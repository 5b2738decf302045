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

  it('says in one sentence which backend runs and what that means for the timings', () => {
    const failed = (error: string) => ({ ...base, failures: [{ name: 'webgpu' as const, error }] });
    expect(
      fallbackNotice(failed('navigator.gpu is missing: this browser has no WebGPU'), null),
    ).toBe(
      "WebGPU is not available in this browser; running on WebGL, so timings include WebGL's " +
        'texture round trips and are not comparable with a WebGPU run.',
    );
    expect(
      fallbackNotice(failed('requestAdapter() returned null: no usable GPU adapter'), null),
    ).toMatch(/^WebGPU is available but found no usable GPU; running on WebGL, so /);
    expect(fallbackNotice(failed('setBackend returned false'), null)).not.toContain('setBackend');
  });

  it('says when the URL skipped WebGPU', () => {
    expect(fallbackNotice({ ...base, name: 'wasm' }, 'wasm')).toBe(
      'WebGPU is skipped because the link asks for backend=wasm; running on WebAssembly on the ' +
        'CPU, so timings measure the processor, not a GPU, and are not comparable with a WebGPU run.',
    );
  });
});
