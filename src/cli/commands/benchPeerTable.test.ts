import { describe, expect, it } from 'vitest';
import { DEFAULT_PEER_PLAN } from '../../peer/peerPlan';
import type { PeerReport, PeerRow } from '../../peer/peerReport';
import { peerRow } from '../../peer/testing/peerRow';
import { peerTable, ratioLine } from './benchPeerTable';

const row = (over: Partial<PeerRow>): PeerRow =>
  peerRow({
    name: 'jsep · matmul',
    graph: 'matmul',
    ms: { median: 812.4, min: 800, max: 830.2, samples: [] },
    maxAbsError: 3.2e-7,
    gflopsPerSecond: 1.5,
    fractionOfPeak: 0.25,
    ...over,
  });

const report = (rows: PeerRow[]): PeerReport => ({
  plan: { ...DEFAULT_PEER_PLAN, ns: [2048], causal: [false] },
  provenance: {
    userAgent: '',
    adapter: null,
    features: [],
    ortVersion: '1.31.1',
    ortBuilds: {},
    tfjsVersion: '4.22.0',
    gpuPeak: { gflopsPerSecond: 6, what: '' },
  },
  rows,
  log: [],
  done: true,
  error: null,
});

describe('peerTable', () => {
  it('one markdown row per measured row: time, error, GFLOP/s with its share of the peak', () => {
    const lines = peerTable(report([row({})]));
    expect(lines).toContain('n = 2048, d = 64, heads = 1');
    expect(lines).toContain(
      '| ORT jsep · matmul | webgpu | 812 (800–830) | 3.2e-7 | 1.50 (25%) | measured |',
    );
  });

  it('says why a row is out, and CPU rows have no share of the GPU peak', () => {
    const wrong = row({
      name: 'webgpu · mha',
      status: 'wrong',
      reason: 'output is 4.4e-1 from float64',
    });
    const cpu = row({ device: 'wasm', name: 'wasm · mha', fractionOfPeak: null });
    const lines = peerTable(report([wrong, cpu])).join('\n');
    expect(lines).toMatch(/\| ORT webgpu · mha \| .* \| wrong: output is 4\.4e-1 from float64 \|/);
    expect(lines).toMatch(/\| ORT wasm · mha \| wasm \| .* \| 1\.50 \| measured \|/);
  });
});

describe('ratioLine', () => {
  it('names both sides and says which is faster, or why there is no ratio', () => {
    expect(
      ratioLine({
        n: 4096,
        causal: true,
        fusedMs: 50,
        peer: { name: 'jsep · mha', ms: 200 },
        ratio: 0.25,
      }),
    ).toBe(
      'n = 4096, causal: fused 50.0 ms / ORT jsep · mha 200 ms = 0.25× (fused at least as fast)',
    );
    expect(ratioLine({ n: 64, causal: false, fusedMs: 5, peer: null, ratio: null })).toBe(
      'n = 64: no ratio (no correct WebGPU peer row)',
    );
  });
});
