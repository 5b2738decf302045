import { describe, expect, it } from 'vitest';
import { hostOf } from './referenceRunText';

describe('hostOf', () => {
  it('names the recorded host of a reference run, and nothing for other files', () => {
    const host = { platform: 'linux', cpuModel: 'AMD EPYC ', cpuCores: 2, memoryGiB: 23 };
    expect(hostOf({ referenceRun: { host } })).toBe('a 2-core AMD EPYC host');
    expect(hostOf({ backend: 'webgpu' })).toBeNull();
    expect(hostOf({ referenceRun: { host: { cpuCores: '2' } } })).toBeNull();
  });
});
