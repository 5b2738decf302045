import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/**
 * Exact attention in one pass (FlashAttention's algorithm as one WGSL program): a workgroup owns
 * a tile of TQ queries of one head, one query per thread; blocks of TK keys and values are staged
 * in workgroup memory and each thread folds them into a running max m, running sum ℓ and a
 * rescaled accumulator (online softmax). The n×n scores never exist: memory is O(n·d).
 *
 * q, k: [heads, n, d]; v: [heads, n, dv] → [heads, n, dv]. d, dv ≤ 128 and causal are compiled
 * in (the shape class); n and the scale are uniforms, so one shader serves every n.
 */
/** Queries per workgroup (one per thread). */
export const FUSED_QUERY_TILE = 64;
/** Workgroup memory holds TK keys and TK values (16 KiB, WebGPU's guaranteed minimum). */
const STAGE_FLOATS = 4096;

export function keyTile(d: number, dv: number): number {
  return Math.max(1, Math.min(64, Math.floor(STAGE_FLOATS / (d + dv))));
}

export class FusedAttentionProgram implements WebGPUProgram {
  variableNames = ['Q', 'K', 'V'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [FUSED_QUERY_TILE, 1, 1];
  uniforms = 'seqLen : i32, scale : f32,';
  private readonly d: number;
  private readonly dv: number;
  private readonly causal: boolean;

  constructor(heads: number, n: number, d: number, dv: number, causal: boolean) {
    this.outputShape = [heads, n, dv];
    this.d = d;
    this.dv = dv;
    this.causal = causal;
    this.shaderKey = `fusedAttention_${d}_${dv}_${causal ? 'causal' : 'full'}`;
    this.dispatchLayout = { x: [0, 1, 2] };
    this.dispatch = [heads * Math.ceil(n / FUSED_QUERY_TILE), 1, 1];
  }

  getUserCode(): string {
    const { d, dv } = this;
    const tk = keyTile(d, dv);
    return `
      const TQ = ${FUSED_QUERY_TILE};
      const TK = ${tk};
      const D = ${d};
      const DV = ${dv};
      var<workgroup> kTile : array<f32, ${tk * d}>;
      var<workgroup> vTile : array<f32, ${tk * dv}>;

      fn main(index : i32) {
        let group = index / TQ;
        let lane = i32(localId.x);
        let n = uniforms.seqLen;
        let tiles = (n + TQ - 1) / TQ;
        let head = group / tiles;
        let tileStart = (group % tiles) * TQ;
        let row = tileStart + lane;
        let valid = row < n;
        let base = head * n;

        var qv : array<f32, ${d}>;
        var acc : array<f32, ${dv}>;
        if (valid) {
          for (var t = 0; t < D; t++) { qv[t] = Q[(base + row) * D + t] * uniforms.scale; }
        }
        var m = -3.402823e+38f;
        var l = 0.0;
        ${this.causal ? 'let keyEnd = min(n, tileStart + TQ);' : 'let keyEnd = n;'}
        // The loop bound must be uniform for the barriers; blocks past keyEnd (causal) only sync.
        for (var start = 0; start < n; start += TK) {
          let live = start < keyEnd;
          if (live) {
            for (var e = lane; e < TK * D; e += TQ) {
              let j = start + e / D;
              kTile[e] = select(0.0, K[(base + min(j, n - 1)) * D + e % D], j < n);
            }
            for (var e = lane; e < TK * DV; e += TQ) {
              let j = start + e / DV;
              vTile[e] = select(0.0, V[(base + min(j, n - 1)) * DV + e % DV], j < n);
            }
          }
          workgroupBarrier();
          if (valid && live) {
            ${this.causal ? 'let last = min(keyEnd, row + 1);' : 'let last = keyEnd;'}
            let count = min(TK, last - start);
            for (var j = 0; j < count; j++) {
              var s = 0.0;
              for (var t = 0; t < D; t++) { s += qv[t] * kTile[j * D + t]; }
              if (s > m) {
                let c = exp(m - s);
                l = l * c;
                for (var t = 0; t < DV; t++) { acc[t] = acc[t] * c; }
                m = s;
              }
              let p = exp(s - m);
              l += p;
              for (var t = 0; t < DV; t++) { acc[t] += p * vTile[j * DV + t]; }
            }
          }
          workgroupBarrier();
        }
        if (valid) {
          for (var t = 0; t < DV; t++) { setOutputAtIndex((base + row) * DV + t, acc[t] / l); }
        }
      }
    `;
  }
}
