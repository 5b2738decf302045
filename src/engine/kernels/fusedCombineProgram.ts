import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { FUSED_MAX_SPLITS } from '../../core/fusedPlan';

/**
 * The second pass of split-K fused attention: per (head, query row), merge the splits' partial
 * [acc, m, ℓ] (FusedAttentionProgram with splits > 1) into the output row:
 * M = maxₛ mₛ, wₛ = exp(mₛ − M), O = Σ wₛ accₛ / Σ wₛ ℓₛ — the online softmax's rescaling,
 * applied once across splits instead of once per key block.
 *
 * partial: [heads, splits, n, dv + 2] → [heads, n, dv]. One thread per row; splits and n are
 * uniforms, dv is compiled in.
 */
export class FusedCombineProgram implements WebGPUProgram {
  variableNames = ['P'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'seqLen : i32, splits : i32,';
  /** Adds uniforms.size (heads·n·dv), so the shader does not depend on heads or n. */
  size = true;
  private readonly dv: number;

  constructor(heads: number, n: number, dv: number) {
    this.outputShape = [heads, n, dv];
    this.dv = dv;
    this.shaderKey = `fusedCombine_${dv}`;
    this.dispatchLayout = { x: [0, 1, 2] };
    this.dispatch = [Math.ceil((heads * n) / 64), 1, 1];
  }

  getUserCode(): string {
    return `
      const DV = ${this.dv};
      fn main(index : i32) {
        if (index >= uniforms.size / DV) { return; }
        let n = uniforms.seqLen;
        let S = uniforms.splits;
        let head = index / n;
        let row = index % n;
        var w : array<f32, ${FUSED_MAX_SPLITS}>;
        var mMax = -3.402823e+38f;
        for (var s = 0; s < S; s++) {
          mMax = max(mMax, P[((head * S + s) * n + row) * (DV + 2) + DV]);
        }
        var l = 0.0;
        for (var s = 0; s < S; s++) {
          let at = ((head * S + s) * n + row) * (DV + 2);
          w[s] = exp(P[at + DV] - mMax);
          l += w[s] * P[at + DV + 1];
        }
        for (var t = 0; t < DV; t++) {
          var o = 0.0;
          for (var s = 0; s < S; s++) { o += w[s] * P[((head * S + s) * n + row) * (DV + 2) + t]; }
          setOutputAtIndex(index * DV + t, o / l);
        }
      }
    `;
  }
}
