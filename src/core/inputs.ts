import type { AttentionInputs, HeadBlock } from './headBlock';
import { createRng, deriveSeed, type Rng } from './rng';

/**
 * Seeded Q, K, V generators. Each kind gives attention a different structure, which decides how
 * well each approximation can do (REFERENCE.md §1–2). V is standard normal for every kind.
 */
export const INPUT_KINDS = ['gaussian', 'bounded', 'banded', 'lowrank', 'clustered'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const INPUT_KIND_INFO: Record<InputKind, string> = {
  gaussian: 'entries N(0, σ²): diffuse attention for small σ, sharp for large',
  bounded: 'entries uniform in [−B, B]: the bounded-entries regime of Alman & Song (2023)',
  banded: 'positional codes: each token attends to a band of neighbours (local structure)',
  lowrank: 'Q and K of rank r: the score matrix QKᵀ has rank ≤ r',
  clustered: 'tokens near a few centroids: attention stays within clusters (sharp, block-like)',
};

export interface InputOptions {
  kind: InputKind;
  heads: number;
  n: number;
  d: number;
  /** Width of V and the output (defaults to d). */
  dv?: number;
  seed: number;
  /** σ for gaussian, B for bounded, logit sharpness for banded and clustered (default 1). */
  scale?: number;
  /** Rank r for lowrank (default max(1, d/8)). */
  rank?: number;
  /** Number of centroids for clustered (default 8). */
  clusters?: number;
  /** Approximate band half-width in tokens for banded (default 8). */
  band?: number;
}

type Fill = (rng: Rng, h: number, out: Float32Array, other: Float32Array | null) => void;

function block(heads: number, n: number, width: number): HeadBlock<Float32Array> {
  return { heads, n, width, data: new Float32Array(heads * n * width) };
}

/** Fill q and k of every head with `fill`; k may reuse structure drawn for q through `other`. */
function fillQK(o: Required<InputOptions>, fillQ: Fill, fillK: Fill): AttentionInputs {
  const q = block(o.heads, o.n, o.d);
  const k = block(o.heads, o.n, o.d);
  const v = block(o.heads, o.n, o.dv);
  const size = o.n * o.d;
  for (let h = 0; h < o.heads; h++) {
    const rng = createRng(deriveSeed(o.seed, `qk-${h}`));
    const qh = q.data.subarray(h * size, (h + 1) * size);
    const kh = k.data.subarray(h * size, (h + 1) * size);
    fillQ(rng, h, qh, null);
    fillK(rng, h, kh, qh);
  }
  const vr = createRng(deriveSeed(o.seed, 'v'));
  for (let i = 0; i < v.data.length; i++) v.data[i] = vr.normal();
  return { q, k, v };
}

const gaussian =
  (sigma: number): Fill =>
  (rng, _h, out) => {
    for (let i = 0; i < out.length; i++) out[i] = sigma * rng.normal();
  };

const bounded =
  (b: number): Fill =>
  (rng, _h, out) => {
    for (let i = 0; i < out.length; i++) out[i] = b * (2 * rng.next() - 1);
  };

/** Unit-norm positional codes whose dot product peaks at i = j and decays over ~band tokens. */
function banded(o: Required<InputOptions>): Fill {
  const pairs = Math.max(1, Math.floor(o.d / 2));
  // Peak logit ≈ 8·scale: q·k/√d = α²·K(i−j)/√d with K(0) = 1.
  const alpha = Math.sqrt(8 * o.scale * Math.sqrt(o.d));
  const omegaMax = Math.PI / o.band;
  return (rng, _h, out) => {
    for (let i = 0; i < o.n; i++) {
      for (let f = 0; f < pairs; f++) {
        const w = (omegaMax * (f + 1)) / pairs;
        const norm = alpha / Math.sqrt(pairs);
        out[i * o.d + 2 * f] = norm * Math.cos(w * i) + 0.05 * rng.normal();
        if (2 * f + 1 < o.d)
          out[i * o.d + 2 * f + 1] = norm * Math.sin(w * i) + 0.05 * rng.normal();
      }
    }
  };
}

/** X = A·W with A: n×r and W: r×d standard normal, scaled so entries have variance scale². */
function lowrank(o: Required<InputOptions>): Fill {
  const r = Math.max(1, Math.min(o.rank, o.d));
  return (rng, _h, out) => {
    const a = Float64Array.from({ length: o.n * r }, () => rng.normal());
    const w = Float64Array.from({ length: r * o.d }, () => (o.scale * rng.normal()) / Math.sqrt(r));
    for (let i = 0; i < o.n; i++) {
      for (let j = 0; j < o.d; j++) {
        let s = 0;
        for (let t = 0; t < r; t++) s += a[i * r + t] * w[t * o.d + j];
        out[i * o.d + j] = s;
      }
    }
  };
}

/** Tokens = one of c centroids + small noise; K reuses Q's centroids so clusters match. */
function clustered(o: Required<InputOptions>): { q: Fill; k: Fill } {
  const centroidsByHead = new Map<number, Float64Array>();
  const centroidScale = Math.sqrt(o.scale);
  const centroids = (rng: Rng, h: number) => {
    let c = centroidsByHead.get(h);
    if (!c) {
      c = Float64Array.from({ length: o.clusters * o.d }, () => centroidScale * rng.normal());
      centroidsByHead.set(h, c);
    }
    return c;
  };
  const fill: Fill = (rng, h, out) => {
    const c = centroids(rng, h);
    for (let i = 0; i < o.n; i++) {
      const which = rng.int(o.clusters);
      for (let j = 0; j < o.d; j++) {
        out[i * o.d + j] = c[which * o.d + j] + 0.1 * rng.normal();
      }
    }
  };
  return { q: fill, k: fill };
}

export function withInputDefaults(opts: InputOptions): Required<InputOptions> {
  return {
    ...opts,
    dv: opts.dv ?? opts.d,
    scale: opts.scale ?? 1,
    rank: opts.rank ?? Math.max(1, Math.floor(opts.d / 8)),
    clusters: opts.clusters ?? 8,
    band: opts.band ?? 8,
  };
}

export function generateInputs(opts: InputOptions): AttentionInputs {
  const o = withInputDefaults(opts);
  switch (o.kind) {
    case 'gaussian':
      return fillQK(o, gaussian(o.scale), gaussian(o.scale));
    case 'bounded':
      return fillQK(o, bounded(o.scale), bounded(o.scale));
    case 'banded': {
      const f = banded(o);
      return fillQK(o, f, f);
    }
    case 'lowrank': {
      const f = lowrank(o);
      return fillQK(o, f, f);
    }
    case 'clustered': {
      const f = clustered(o);
      return fillQK(o, f.q, f.k);
    }
  }
}
