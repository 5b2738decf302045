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
