import { afterAll, describe, expect, it } from 'vitest';
import { DENSE_BODY } from '../core/userKernel/template';
import { tf } from '../engine/backend';
import { run, scratchDir, writeFile } from './testing';

/** `kernel`: a researcher's WGSL body through Dawn (SwiftShader without a GPU). */
const dir = scratchDir();
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('cli kernel', () => {
  it('runs the dense starting point: exact against float64 within 1e-4, with its timing', async () => {
    const body = writeFile(dir, 'dense.wgsl', DENSE_BODY);
    const r = await run([
      'kernel',
      '--kernel',
      body,
      '--n',
      '96',
      '--d',
      '16',
      '--heads',
      '2',
      '--causal',
      '--repeats',
      '2',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: [] });
    const doc = JSON.parse(r.stdout);
    expect(doc.shape).toEqual({ heads: 2, n: 96, d: 16, dv: 16 });
    expect(doc.reference.exact).toBe(true);
    expect(doc.reference.maxAbsError).toBeLessThanOrEqual(1e-4);
    expect(doc.msAll).toHaveLength(2);
    expect(doc.provenance.backend).toBe('webgpu');
  });

  it('a syntax error exits 2 with one line naming the file, line and column', async () => {
    const body = writeFile(dir, 'bad.wgsl', '  var m = 0.0;\n  let x = ;\n');
    const r = await run(['kernel', '--kernel', body, '--n', '16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(new RegExp(`kernel ${body}:2:\\d+: .*let`));
  });

  it('sweep --kernel measures the kernel beside the built-in variants, named, with its stated cost', async () => {
    const body = writeFile(dir, 'mine.wgsl', DENSE_BODY);
    const args = ['--n', '32,64', '--d', '16', '--heads', '2', '--repeats', '2'];
    const r = await run([
      'sweep',
      '--variants',
      'dense,window',
      ...args,
      '--kernel',
      body,
      '--kernel-name',
      'mine',
      '--kernel-cost',
      'O(n^2 d)',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: [] });
    const doc = JSON.parse(r.stdout);
    expect(doc.provenance.backend).toBe('webgpu');
    expect(doc.provenance.variants).toEqual(['dense', 'window', 'mine']);
    expect(doc.provenance.ownKernel).toEqual({ name: 'mine', cost: 'O(n^2 d)', body: DENSE_BODY });
    const mine = doc.rows.filter((row: { variant: string }) => row.variant === 'mine');
    expect(mine.map((row: { n: number }) => row.n)).toEqual([32, 64]);
    for (const row of mine) {
      // The dense starting point is exact: within 1e-4 of the engine's dense output.
      expect(row.errorReference).toBe('dense');
      expect(row.maxAbsError).toBeLessThanOrEqual(1e-4);
      expect(row.analyticFlops).toBe(2 * row.n ** 2 * 16);
      // q, k, v, output and its read-back copy (4 bytes each) and the 24-byte shape.
      expect(row.peakBytes).toBe(5 * 4 * 2 * row.n * 16 + 24);
      expect(row.msAll).toHaveLength(2);
    }
    expect(doc.fits.map((f: { variant: string }) => f.variant)).toContain('mine');
  });

  it('sweep --kernel refuses a kernel without its cost, and one on another backend', async () => {
    const body = writeFile(dir, 'mine2.wgsl', DENSE_BODY);
    const noCost = await run(['sweep', '--kernel', body, '--kernel-name', 'mine']);
    expect(noCost.code).toBe(2);
    expect(noCost.stderr).toEqual([
      'error: --kernel needs --kernel-name NAME and --kernel-cost COST (e.g. "n^2 d")',
    ]);
    const wasm = await run([
      ...['sweep', '--kernel', body, '--kernel-name', 'mine', '--kernel-cost', 'n^2 d'],
      ...['--backend', 'wasm'],
    ]);
    expect(wasm.code).toBe(2);
    expect(wasm.stderr).toEqual(['error: --kernel runs on webgpu only, not on --backend wasm']);
    const named = await run([
      'sweep',
      '--kernel',
      body,
      '--kernel-name',
      'flash',
      '--kernel-cost',
      'n',
    ]);
    expect(named.stderr[0]).toMatch(/"flash" is a built-in variant's name/);
  });

  it('a kernel past the time limit is stopped with a one-line message', async () => {
    const body = writeFile(
      dir,
      'slow.wgsl',
      '  var x = 0.0;\n  for (var j = 0u; j < 1000000000u; j++) { x += k(h, j % shape.n, 0u); }\n  setOut(h, i, 0u, x);\n',
    );
    const r = await run(['kernel', '--kernel', body, '--n', '16', '--d', '1', '--timeout', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      'error: kernel: a call ran past the time limit of 2 s and was stopped',
    ]);
  });
});
