import { beforeAll, describe, expect, it } from 'vitest';
import { type AttentionInputs, headBlock } from '../core/headBlock';
import { generateInputs } from '../core/inputs';
import { maxAbsError } from '../core/metrics';
import { keepAll, keepCausal, keepWindow, referenceAttention } from '../core/reference/dense';
import { DENSE_BODY, WINDOW_BODY } from '../core/userKernel/template';
import { installDawn } from './testing/nodeWebgpu';
import { compileKernel, prepareKernel } from './userKernel';

/** The researcher's kernel template on real WebGPU (Dawn in Node; SwiftShader without a GPU). */
let device: GPUDevice;
beforeAll(async () => {
  await installDawn();
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  device = await adapter.requestDevice();
});

const inputs = (n: number, d: number, heads: number) =>
  generateInputs({ kind: 'gaussian', heads, n, d, seed: 3, scale: 1.5 });

async function errorOf(
  body: string,
  x: AttentionInputs,
  causal: boolean,
  reference: AttentionInputs['q'],
) {
  const compiled = await compileKernel(device, body);
  if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join('; '));
  const runner = prepareKernel(device, compiled.kernel, x, causal);
  const run = await runner.run().finally(() => runner.destroy());
  const { heads, n, width } = reference;
  return maxAbsError(headBlock(heads, n, width, run.output), reference);
}

describe('a kernel written into the template', () => {
  it('the dense starting point is exact: within 1e-4 of float64, causal and not, several heads', async () => {
    for (const [n, d, heads] of [
      [67, 16, 3],
      [130, 64, 2],
    ]) {
      const x = inputs(n, d, heads);
      for (const causal of [false, true]) {
        const ref = referenceAttention(x, causal ? keepCausal : keepAll);
        const err = await errorOf(DENSE_BODY, x, causal, ref);
        expect(err, `n ${n} d ${d} heads ${heads} causal ${causal}`).toBeLessThanOrEqual(1e-4);
      }
    }
  });

  it('the window starting point is softmax over its band (|i − j| ≤ 8: w = 16), and not dense', async () => {
    const x = inputs(96, 32, 2);
    const band = referenceAttention(x, keepWindow(16, false));
    expect(await errorOf(WINDOW_BODY, x, false, band)).toBeLessThanOrEqual(1e-4);
    const dense = referenceAttention(x, keepAll);
    expect(await errorOf(WINDOW_BODY, x, false, dense)).toBeGreaterThan(1e-2);
  });

  it('a syntax error is reported at its line in the body, and nothing runs', async () => {
    const body = `${DENSE_BODY.split('\n').slice(0, 3).join('\n')}\n  let broken = ;\n}`;
    const compiled = await compileKernel(device, body);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.errors[0].line).toBe(4);
    expect(compiled.errors[0].message.length).toBeGreaterThan(0);
  });
});
