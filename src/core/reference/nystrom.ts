import { type AttentionInputs, type HeadBlock, headView, zerosBlock } from '../headBlock';

/**
 * Float64 Nyström attention exactly as the engine computes it (Xiong et al. 2021, arXiv
 * 2102.03902, without the convolution skip): landmarks are means of m equal segments,
 * O = softmax(QK̃ᵀ/√d) · Z · softmax(Q̃Kᵀ/√d) V with Z ≈ pinv(softmax(Q̃K̃ᵀ/√d)) by 6 iterations.
 */

type Mat = { rows: number; cols: number; a: Float64Array };

const mat = (rows: number, cols: number): Mat => ({ rows, cols, a: new Float64Array(rows * cols) });

function matmul(x: Mat, y: Mat): Mat {
  const out = mat(x.rows, y.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let t = 0; t < x.cols; t++) {
      const xv = x.a[i * x.cols + t];
      if (xv === 0) continue;
      for (let j = 0; j < y.cols; j++) out.a[i * y.cols + j] += xv * y.a[t * y.cols + j];
    }
  }
  return out;
}

/** c·I − x for square x. */
function cIMinus(c: number, x: Mat): Mat {
  const out = mat(x.rows, x.cols);
  for (let i = 0; i < x.a.length; i++) out.a[i] = -x.a[i];
  for (let i = 0; i < x.rows; i++) out.a[i * x.cols + i] += c;
  return out;
}

function softmaxScores(x: Mat, y: Mat): Mat {
  const d = x.cols;
  const s = mat(x.rows, y.rows);
  for (let i = 0; i < x.rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < y.rows; j++) {
      let v = 0;
      for (let t = 0; t < d; t++) v += x.a[i * d + t] * y.a[j * d + t];
      v /= Math.sqrt(d);
      s.a[i * y.rows + j] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let j = 0; j < y.rows; j++) {
      const e = Math.exp(s.a[i * y.rows + j] - max);
      s.a[i * y.rows + j] = e;
      sum += e;
    }
    for (let j = 0; j < y.rows; j++) s.a[i * y.rows + j] /= sum;
  }
  return s;
}

function segmentMeans(x: Mat, m: number): Mat {
  const seg = x.rows / m;
  const out = mat(m, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const r = Math.floor(i / seg);
    for (let t = 0; t < x.cols; t++) out.a[r * x.cols + t] += x.a[i * x.cols + t] / seg;
  }
  return out;
}

/** Newton–Schulz-style iteration of Nyströmformer for the pseudo-inverse of a (m×m). */
export function iterativePinv(a: Mat, iterations = 6): Mat {
  const m = a.rows;
  let maxCol = 0;
  let maxRow = 0;
  for (let i = 0; i < m; i++) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < m; j++) {
      row += Math.abs(a.a[i * m + j]);
      col += Math.abs(a.a[j * m + i]);
    }
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col);
  }
  let z = mat(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) z.a[i * m + j] = a.a[j * m + i] / (maxCol * maxRow);
  }
  for (let it = 0; it < iterations; it++) {
    const az = matmul(a, z);
    const inner = matmul(az, cIMinus(7, az));
    const middle = matmul(az, cIMinus(15, inner));
    const next = matmul(z, cIMinus(13, middle));
    for (let i = 0; i < next.a.length; i++) next.a[i] *= 0.25;
    z = next;
  }
  return z;
}

export function referenceNystrom(inputs: AttentionInputs, m: number): HeadBlock<Float64Array> {
  const { heads, n, width: d } = inputs.q;
  const dv = inputs.v.width;
  const out = zerosBlock(heads, n, dv);
  for (let h = 0; h < heads; h++) {
    const q: Mat = { rows: n, cols: d, a: Float64Array.from(headView(inputs.q, h)) };
    const k: Mat = { rows: n, cols: d, a: Float64Array.from(headView(inputs.k, h)) };
    const v: Mat = { rows: n, cols: dv, a: Float64Array.from(headView(inputs.v, h)) };
    const ql = segmentMeans(q, m);
    const kl = segmentMeans(k, m);
    const k1 = softmaxScores(q, kl); // [n, m]
    const z = iterativePinv(softmaxScores(ql, kl)); // [m, m]
    const k3v = matmul(softmaxScores(ql, k), v); // [m, dv]
    headView(out, h).set(matmul(k1, matmul(z, k3v)).a);
  }
  return out;
}
