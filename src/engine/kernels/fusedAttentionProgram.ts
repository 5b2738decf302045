import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { keyTile } from '../../core/fusedPlan';

/**
 * Exact attention in one pass (FlashAttention's algorithm as one WGSL program): a workgroup owns
 * a tile of TQ queries of one head, one query per thread; blocks of TK keys and values are staged
 * in workgroup memory and each thread folds them, four keys at a time, into a running max m,
 * running sum ℓ and a rescaled accumulator (online softmax). The n×n scores never exist: memory
 * is O(n·d).
 *
 * q, k: [heads, n, d]; v: [heads, n, dv] → [heads, n, dv]. d, dv ≤ 128 and causal are compiled
 * in (the shape class); n and the scale are uniforms, so one shader serves every n.
 *
 * With key splits (Flash-Decoding's split-K), a workgroup folds only one range of `chunk` keys
 * and writes its unnormalised partial [acc, m, ℓ] to [heads, splits, n, dv + 2];
 * FusedCombineProgram merges the splits. One query per thread leaves a GPU with many cores idle
 * when heads·n/64 is small; splits multiply the workgroups by S for S·n·(dv + 2) floats more.
 */
/** Queries per workgroup (one per thread). */
export const FUSED_QUERY_TILE = 64;
export class FusedAttentionProgram implements WebGPUProgram {
  variableNames = ['Q', 'K', 'V'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [FUSED_QUERY_TILE, 1, 1];
  uniforms = 'seqLen : i32, scale : f32, splits : i32, chunk : i32,';
  private readonly d: number;
  private readonly dv: number;
  private readonly causal: boolean;
  private readonly partial: boolean;

  /** `partial`: write [acc, m, ℓ] per split instead of the normalised output (splits > 1). */
  constructor(heads: number, n: number, d: number, dv: number, causal: boolean, splits = 1) {
    this.partial = splits > 1;
    this.outputShape = this.partial ? [heads, splits, n, dv + 2] : [heads, n, dv];
    this.d = d;
    this.dv = dv;
    this.causal = causal;
    this.shaderKey = `fusedAttention${this.partial ? 'Partial' : ''}_${d}_${dv}_${causal ? 'causal' : 'full'}`;
    this.dispatchLayout = { x: [0, 1, 2] };
    this.dispatch = [heads * Math.ceil(n / FUSED_QUERY_TILE) * splits, 1, 1];
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
        let head = group / (tiles * uniforms.splits);
        let split = (group / tiles) % uniforms.splits;
        let tileStart = (group % tiles) * TQ;
        let splitStart = split * uniforms.chunk;
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
        let splitEnd = min(n, splitStart + uniforms.chunk);
        ${this.causal ? 'let keyEnd = min(splitEnd, tileStart + TQ);' : 'let keyEnd = splitEnd;'}
        // The loop bound must be uniform for the barriers (chunk is a multiple of TK); blocks past
        // keyEnd (causal, or the last split's tail) only sync.
        for (var b = 0; b < uniforms.chunk; b += TK) {
          let start = splitStart + b;
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
            // Four keys at a time: four independent dot-product chains (latency hidden by
            // instruction-level parallelism, not only by other threads) and one rescale of the
            // accumulator per four keys. The remaining 0–3 keys go one by one.
            let count4 = count - count % 4;
            for (var j = 0; j < count4; j += 4) {
              let k0 = j * D;
              var s0 = 0.0; var s1 = 0.0; var s2 = 0.0; var s3 = 0.0;
              for (var t = 0; t < D; t++) {
                let x = qv[t];
                s0 += x * kTile[k0 + t];
                s1 += x * kTile[k0 + D + t];
                s2 += x * kTile[k0 + 2 * D + t];
                s3 += x * kTile[k0 + 3 * D + t];
              }
              let mNew = max(m, max(max(s0, s1), max(s2, s3)));
              let c = exp(m - mNew);
              let p0 = exp(s0 - mNew); let p1 = exp(s1 - mNew);
              let p2 = exp(s2 - mNew); let p3 = exp(s3 - mNew);
              l = l * c + ((p0 + p1) + (p2 + p3));
              let v0 = j * DV;
              for (var t = 0; t < DV; t++) {
                acc[t] = acc[t] * c + (p0 * vTile[v0 + t] + p1 * vTile[v0 + DV + t])
                  + (p2 * vTile[v0 + 2 * DV + t] + p3 * vTile[v0 + 3 * DV + t]);
              }
              m = mNew;
            }
            for (var j = count4; j < count; j++) {
              var s = 0.0;
              for (var t = 0; t < D; t++) { s += qv[t] * kTile[j * D + t]; }
              let mNew = max(m, s);
              let c = exp(m - mNew);
              let p = exp(s - mNew);
              l = l * c + p;
              for (var t = 0; t < DV; t++) { acc[t] = acc[t] * c + p * vTile[j * DV + t]; }
              m = mNew;
            }
          }
          workgroupBarrier();
        }
        ${this.partial ? this.writePartial() : this.writeOutput()}
      }
    `;
  }

  private writeOutput(): string {
    return `if (valid) {
          for (var t = 0; t < DV; t++) { setOutputAtIndex((base + row) * DV + t, acc[t] / l); }
        }`;
  }

  /** acc unnormalised, then m and ℓ; a row with no key in this split writes m = −max, ℓ = 0. */
  private writePartial(): string {
    return `if (valid) {
          let at = ((head * uniforms.splits + split) * n + row) * (DV + 2);
          for (var t = 0; t < DV; t++) { setOutputAtIndex(at + t, acc[t]); }
          setOutputAtIndex(at + DV, m);
          setOutputAtIndex(at + DV + 1, l);
        }`;
  }
}
