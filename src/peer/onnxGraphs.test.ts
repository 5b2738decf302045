import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { type HeadBlock, headBlock } from '../core/headBlock';
import { generateInputs } from '../core/inputs';
import { maxAbsError } from '../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../core/reference/dense';
import { buildPeerGraph, PEER_GRAPHS } from './onnxGraphs';

ort.env.wasm.numThreads = 1;

const tensor = (b: HeadBlock) =>
  new ort.Tensor('float32', Float32Array.from(b.data), [b.heads, b.n, b.width]);

describe('the peer ONNX graphs', () => {
  it.each(PEER_GRAPHS)('src/peer/graphs/$file is what `npm run peer:graphs` writes', (g) => {
    const committed = readFileSync(join(__dirname, 'graphs', g.file));
    expect(Buffer.from(buildPeerGraph(g)).equals(committed)).toBe(true);
  });

  // ORT's CPU (wasm) execution provider in Node runs the very bytes the bench page loads.
  it.each(PEER_GRAPHS)('$file computes exact attention within 1e-5 of float64', async (g) => {
    const inputs = generateInputs({ kind: 'gaussian', heads: 2, n: 37, d: 16, dv: 8, seed: 3 });
    const session = await ort.InferenceSession.create(buildPeerGraph(g), {
      executionProviders: ['wasm'],
    });
    try {
      const result = await session.run({
        q: tensor(inputs.q),
        k: tensor(inputs.k),
        v: tensor(inputs.v),
      });
      expect(result.out.dims).toEqual([2, 37, 8]);
      const out = headBlock(2, 37, 8, result.out.data as Float32Array);
      const reference = referenceAttention(inputs, g.causal ? keepCausal : keepAll);
      expect(maxAbsError(out, reference)).toBeLessThan(1e-5);
      // The causal graph must differ from the full one (a mask that did nothing would pass above
      // only if the reference were wrong too).
      const other = referenceAttention(inputs, g.causal ? keepAll : keepCausal);
      expect(maxAbsError(out, other)).toBeGreaterThan(1e-2);
    } finally {
      await session.release();
    }
  });
});
