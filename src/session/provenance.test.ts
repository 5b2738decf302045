import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../engine/backend';
import { browserEnvironment, pageProvenance } from './provenance';

const REPORT: BackendReport = {
  name: 'webgpu',
  reason: 'webgpu is the first choice and started',
  failures: [],
  adapter: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: '',
    isFallbackAdapter: true,
  },
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27 },
  features: [],
  hasTimestampQuery: false,
  tfjsVersion: '4.22.0',
};

const env = { userAgent: 'TestBrowser/1', appVersion: '0.1.0', date: '2026-11-28T10:00:00.000Z' };

describe('pageProvenance', () => {
  it("names the page, the engine's backend, adapter, limits and tfjs, and the browser", () => {
    expect(pageProvenance(REPORT, env)).toEqual({
      source: 'page',
      backend: 'webgpu',
      backendReason: REPORT.reason,
      adapter: REPORT.adapter,
      limits: REPORT.limits,
      tfjsVersion: '4.22.0',
      userAgent: 'TestBrowser/1',
      appVersion: '0.1.0',
      date: '2026-11-28T10:00:00.000Z',
    });
  });

  it('says null where the engine has not reported yet', () => {
    expect(pageProvenance(null, env)).toMatchObject({
      source: 'page',
      backend: null,
      adapter: null,
    });
  });

  it("defaults to this environment: the app's version and an ISO date of now", () => {
    const e = browserEnvironment();
    expect(e.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(new Date(e.date).toISOString()).toBe(e.date);
    expect(Date.now() - Date.parse(e.date)).toBeLessThan(60_000);
  });
});
