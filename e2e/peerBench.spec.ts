import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { PeerReport } from '../src/peer/peerReport';

/**
 * `npm run bench -- --browser --peer`, CI-sized (n = 64): the peer page builds apart from the
 * app, runs the engine and ONNX Runtime Web (both WebGPU builds, both graphs, and the CPU
 * build) on the same inputs in headless Chromium, and writes every row with its error.
 */
test('the peer bench measures fused beside ONNX Runtime Web and checks every row', async () => {
  test.setTimeout(240_000);
  const output = join(mkdtempSync(join(tmpdir(), 'peer-')), 'peer.json');
  const args = [
    'run',
    '--silent',
    'bench',
    '--',
    '--browser',
    '--peer',
    '--n',
    '64',
    '--repeats',
    '1',
  ];
  const run = spawnSync(
    'npm',
    [...args, '--wasm-max-n', '64', '--dist', 'dist-peer-e2e', '--output', output],
    {
      encoding: 'utf8',
      timeout: 220_000,
    },
  );
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  expect(run.stderr).toMatch(/n = 64: fused [\d.]+ ms \/ ORT .+ = [\d.]+×/);
  const doc = JSON.parse(readFileSync(output, 'utf8')) as PeerReport & {
    ratios: { ratio: number | null }[];
  };
  expect(doc.error).toBeNull();
  expect(doc.provenance.ortVersion).toMatch(/^1\.\d+\.\d+$/);
  expect(doc.provenance.gpuPeak?.gflopsPerSecond).toBeGreaterThan(0);
  // Per causal flag: fused and dense on webgpu, 2 builds × 2 graphs, and 3 CPU rows.
  for (const causal of [false, true]) {
    const rows = doc.rows.filter((r) => r.causal === causal);
    expect(rows.map((r) => `${r.device} ${r.name}`).sort()).toEqual(
      [
        'wasm dense',
        'wasm wasm · matmul',
        'wasm wasm · mha',
        'webgpu dense',
        'webgpu fused',
        'webgpu jsep · matmul',
        'webgpu jsep · mha',
        'webgpu webgpu · matmul',
        'webgpu webgpu · mha',
      ].sort(),
    );
    for (const r of rows) {
      // Every row was checked against float64: measured rows are within their tolerance.
      expect(r.maxAbsError, `${r.name}`).not.toBeNull();
      if (r.status === 'measured') expect(r.maxAbsError).toBeLessThan(1e-3);
      if (r.status === 'wrong') expect(r.maxAbsError).toBeGreaterThan(1e-3);
    }
    const fused = rows.find((r) => r.name === 'fused');
    expect(fused?.status).toBe('measured');
    expect(fused?.maxAbsError).toBeLessThan(1e-4);
    expect(fused?.kernels.some((k) => k.startsWith('fusedAttention'))).toBe(true);
    // The peer's own names for what ran: JSEP's programs, and each node's provider.
    const jsep = rows.find((r) => r.name === 'jsep · matmul');
    expect(jsep?.kernels).toContain('MatMul/MatMul');
    expect(jsep?.placement).toContain('MatMul on Js');
  }
  expect(doc.ratios).toHaveLength(2);
});
