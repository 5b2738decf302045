import { FUSED_MAX_SPLITS, splitPlan } from './fusedPlan';
import type { ParamSpec, ParamValues } from './params';
import type { AttentionShape, CostEstimate, VariantSpec } from './variantSpec';

/**
 * The metadata and analytic cost of every attention variant (REFERENCE.md §1). Costs count what
 * the engine's implementation does (fp32, all heads), so they can sit beside measured numbers.
 */

const F32 = 4;

/** Widest d or dv the fused WGSL kernel accepts. */
export const FUSED_MAX_WIDTH = 128;

/** Causal kernel-style variants process queries in chunks of this many rows (see engine). */
export const CAUSAL_CHUNK = 64;

function param(
  name: string,
  label: string,
  def: number,
  min: number,
  max: number,
  description: string,
): ParamSpec {
  return { name, label, default: def, min, max, integer: true, description };
}

/** Bytes of Q, K, V and the output for all heads. */
function ioBytes(s: AttentionShape): number {
  return F32 * s.heads * s.n * (2 * s.d + 2 * s.dv);
}

function estimate(
  s: AttentionShape,
  flopsPerHead: number,
  workFloatsPerHead: number,
): CostEstimate {
  return {
    flops: s.heads * flopsPerHead,
    bytes: ioBytes(s) + F32 * s.heads * workFloatsPerHead,
  };
}

const ceilTo = (n: number, c: number) => Math.ceil(n / c) * c;

/** C(n, k) as a float (exact for the sizes used here). */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Number of Taylor features of degree ≤ p in d variables: C(d + p, p). */
export const taylorFeatureCount = (d: number, p: number) => binomial(d + p, p);

/** Largest number of Taylor features the engine accepts per head. */
export const TAYLOR_MAX_FEATURES = 1 << 20;

/** Window geometry: queries in blocks of `block`, each attending to `blocks` key blocks. */
export function windowGeometry(w: number, causal: boolean) {
  const block = causal ? Math.max(1, w) : Math.max(1, Math.floor(w / 2));
  return { block, before: 1, after: causal ? 0 : 1 };
}

/** Linear-in-n feature attention cost: n×m features of q and k, then two n·m·dv products. */
function featureAttentionCost(s: AttentionShape, m: number, featureFlops: number): CostEstimate {
  const c = CAUSAL_CHUNK;
  const chunks = Math.ceil(s.n / c);
  const causalExtra = s.causal ? 2 * s.n * c * (m + s.dv) : 0;
  const flops = 2 * featureFlops + 4 * s.n * m * s.dv + 4 * s.n * m + causalExtra;
  const states = s.causal ? chunks * m * (s.dv + 1) : m * (s.dv + 1);
  const work = 2 * s.n * m + states + (s.causal ? s.n * c : 0);
  return estimate(s, flops, work);
}

const dense: VariantSpec = {
  id: 'dense',
  label: 'Dense (exact)',
  family: 'exact',
  exact: true,
  supportsCausal: true,
  complexity: { time: 'O(n²d)', memory: 'O(n²)', words: 'quadratic: every query meets every key' },
  timeExponent: 2,
  params: [],
  cost: (s) => estimate(s, 2 * s.n * s.n * (s.d + s.dv) + 5 * s.n * s.n, 2 * s.n * s.n),
  largestTensorBytes: (s) => F32 * s.heads * s.n * s.n,
  refusal: () => null,
};

const flash: VariantSpec = {
  id: 'flash',
  label: 'Flash (tiled, exact)',
  family: 'exact',
  exact: true,
  supportsCausal: true,
  complexity: {
    time: 'O(n²d)',
    memory: 'O(n·B)',
    words: 'quadratic time, linear memory: key blocks streamed with an online softmax',
  },
  timeExponent: 2,
  params: [param('block', 'block size B', 64, 1, 8192, 'keys per tile of the online softmax')],
  cost: (s, p) => {
    const b = Math.min(p.block, s.n);
    const blocks = Math.ceil(s.n / b);
    const flops = 2 * s.n * s.n * (s.d + s.dv) + 5 * s.n * s.n + 3 * blocks * s.n * s.dv;
    return estimate(s, flops, 2 * s.n * b + 2 * s.n * s.dv + 4 * s.n);
  },
  largestTensorBytes: (s, p) => F32 * s.heads * s.n * Math.max(Math.min(p.block, s.n), s.d, s.dv),
  refusal: () => null,
};

const window: VariantSpec = {
  id: 'window',
  label: 'Sliding window',
  family: 'sparse',
  exact: false,
  supportsCausal: true,
  complexity: {
    time: 'O(n·w·d)',
    memory: 'O(n·w)',
    words: 'linear: each token sees only its w neighbours',
  },
  timeExponent: 1,
  params: [param('w', 'window w', 128, 1, 65536, 'tokens seen: w/2 each side, or the previous w')],
  cost: (s, p) => {
    const g = windowGeometry(p.w, s.causal);
    const keys = (g.before + 1 + g.after) * g.block;
    const np = ceilTo(s.n, g.block);
    const flops = 2 * np * keys * (s.d + s.dv) + 5 * np * keys;
    return estimate(s, flops, 2 * np * keys + np * (keys / g.block) * (s.d + s.dv));
  },
  largestTensorBytes: (s, p) => {
    const g = windowGeometry(p.w, s.causal);
    const kb = g.before + 1 + g.after;
    const np = ceilTo(s.n, g.block);
    return F32 * s.heads * np * kb * Math.max(g.block, s.d, s.dv);
  },
  refusal: () => null,
};

/** The key splits the fused kernel runs, and the partial floats per query row they keep. */
function fusedPartials(s: AttentionShape, p: ParamValues): { splits: number; perRow: number } {
  const { splits } = splitPlan(s.n, s.d, s.dv, p.splits);
  return { splits, perRow: splits > 1 ? splits * (s.dv + 2) : 0 };
}

const fused: VariantSpec = {
  id: 'fused',
  label: 'Fused kernel (WGSL, exact)',
  family: 'exact',
  exact: true,
  supportsCausal: true,
  complexity: {
    time: 'O(n²d)',
    memory: 'O(n·d)',
    words: 'quadratic time in one GPU pass: scores stay in on-chip memory, never in a buffer',
  },
  timeExponent: 2,
  params: [
    param(
      'splits',
      'key splits S',
      1,
      1,
      FUSED_MAX_SPLITS,
      'key ranges folded by separate workgroups, then merged (split-K, as Flash-Decoding): more parallel work for a GPU with many cores, S·n·(dv + 2) more floats',
    ),
  ],
  backends: ['webgpu'],
  cost: (s, p) => {
    const { splits, perRow } = fusedPartials(s, p);
    // The merge: per row and split an exp and dv multiply-adds, then the division.
    const merge = splits > 1 ? s.n * (splits * (2 * s.dv + 3) + s.dv) : 0;
    return estimate(s, 2 * s.n * s.n * (s.d + s.dv) + 5 * s.n * s.n + merge, s.n * perRow);
  },
  largestTensorBytes: (s, p) =>
    F32 * s.heads * s.n * Math.max(s.d, s.dv, fusedPartials(s, p).perRow),
  refusal: (s) =>
    s.d > FUSED_MAX_WIDTH || s.dv > FUSED_MAX_WIDTH
      ? `the fused kernel keeps a query and its output row in registers: d and dv must be ≤ ${FUSED_MAX_WIDTH}`
      : null,
};

/** Keys each BigBird query block sees: globals, 3 window blocks, r random blocks. */
function bigbirdKeys(s: AttentionShape, p: ParamValues): number {
  return Math.min(p.globals, s.n) + (3 + p.random) * p.block;
}

const bigbird: VariantSpec = {
  id: 'bigbird',
  seeded: true,
  label: 'BigBird (block sparse)',
  family: 'sparse',
  exact: false,
  supportsCausal: true,
  complexity: {
    time: 'O(n(w+g+r)d)',
    memory: 'O(n(w+g+r))',
    words: 'linear: window blocks, a few global tokens and random blocks',
  },
  timeExponent: 1,
  params: [
    param('block', 'block b', 64, 1, 4096, 'tokens per block'),
    param('globals', 'global tokens g', 128, 0, 65536, 'first g tokens attend to and from all'),
    param('random', 'random blocks r', 3, 0, 64, 'random key blocks per query block (seeded)'),
  ],
  cost: (s, p) => {
    const np = ceilTo(s.n, p.block);
    const keys = bigbirdKeys(s, p);
    const g = Math.min(p.globals, s.n);
    const flops = 2 * (np * keys + g * s.n) * (s.d + s.dv) + 5 * (np * keys + g * s.n);
    const gathered = np * (3 + p.random) * (s.d + s.dv);
    return estimate(s, flops, 2 * np * keys + gathered + 2 * g * s.n);
  },
  largestTensorBytes: (s, p) => {
    const np = ceilTo(s.n, p.block);
    return F32 * s.heads * np * Math.max(bigbirdKeys(s, p), (3 + p.random) * Math.max(s.d, s.dv));
  },
  refusal: () => null,
};

const linformer: VariantSpec = {
  id: 'linformer',
  seeded: true,
  label: 'Linformer (low rank)',
  family: 'low-rank',
  exact: false,
  supportsCausal: false,
  complexity: {
    time: 'O(n·k·d)',
    memory: 'O(n·k)',
    words: 'linear: keys and values projected to k rows; cannot be causal',
  },
  timeExponent: 1,
  params: [param('k', 'projection k', 256, 1, 16384, 'rows of the random projections E, F')],
  cost: (s, p) => {
    const flops = 2 * p.k * s.n * (s.d + s.dv) + 2 * s.n * p.k * (s.d + s.dv) + 5 * s.n * p.k;
    return estimate(s, flops, 2 * p.k * s.n + p.k * (s.d + s.dv) + 2 * s.n * p.k);
  },
  largestTensorBytes: (s, p) => F32 * s.heads * p.k * Math.max(s.n, s.d, s.dv),
  refusal: () => null,
};

const performer: VariantSpec = {
  id: 'performer',
  seeded: true,
  label: 'Performer (FAVOR+)',
  family: 'kernel',
  exact: false,
  supportsCausal: true,
  complexity: {
    time: 'O(n·m·d)',
    memory: 'O(n·m + m·d)',
    words: 'linear: positive random features estimate exp(q·k)',
  },
  timeExponent: 1,
  params: [param('m', 'features m', 256, 1, 16384, 'orthogonal random features (seeded)')],
  cost: (s, p) => featureAttentionCost(s, p.m, 2 * s.n * p.m * s.d + 3 * s.n * p.m),
  largestTensorBytes: (s, p) => F32 * s.heads * s.n * Math.max(p.m, s.d, s.dv),
  refusal: () => null,
};

const linear: VariantSpec = {
  id: 'linear',
  label: 'Linear (elu+1)',
  family: 'kernel',
  exact: false,
  supportsCausal: true,
  complexity: {
    time: 'O(n·d²)',
    memory: 'O(d²)',
    words: 'linear: a fixed feature map replaces softmax; not an estimate of it',
  },
  timeExponent: 1,
  params: [],
  cost: (s) => featureAttentionCost(s, s.d, 3 * s.n * s.d),
  largestTensorBytes: (s) => F32 * s.heads * s.n * Math.max(s.d, s.dv, s.causal ? CAUSAL_CHUNK : 0),
  refusal: () => null,
};

const nystrom: VariantSpec = {
  id: 'nystrom',
  label: 'Nyström',
  family: 'low-rank',
  exact: false,
  supportsCausal: false,
  complexity: {
    time: 'O(n·m·d + m³)',
    memory: 'O(n·m + m²)',
    words: 'linear: m landmarks and a pseudo-inverse; cannot be causal',
  },
  timeExponent: 1,
  params: [param('m', 'landmarks m', 64, 1, 8192, 'segment means of Q and K; must divide n')],
  cost: (s, p) => {
    const m = p.m;
    const flops =
      4 * s.n * m * s.d + 2 * m * m * s.d + 48 * m * m * m + 4 * s.n * m * s.dv + 2 * m * m * s.dv;
    return estimate(s, flops + 5 * (2 * s.n * m + m * m), 2 * s.n * m + 6 * m * m + 2 * m * s.d);
  },
  largestTensorBytes: (s, p) => F32 * s.heads * Math.max(s.n * p.m, p.m * p.m, s.n * s.d),
  refusal: (s, p) =>
    s.n % p.m === 0
      ? null
      : `Nyström needs the landmark count m = ${p.m} to divide n = ${s.n} (segments of equal length)`,
};

const lsh: VariantSpec = {
  id: 'lsh',
  seeded: true,
  label: 'LSH (Reformer)',
  family: 'hashing',
  exact: false,
  supportsCausal: true,
  complexity: {
    time: 'O(n log n)',
    memory: 'O(n·chunk)',
    words: 'n log n: hash, sort, attend within chunks; keys hashed elsewhere are missed',
  },
  timeExponent: 1,
  params: [
    param('buckets', 'buckets', 16, 2, 1024, 'hash buckets per round (even)'),
    param('rounds', 'rounds', 4, 1, 16, 'independent hashing rounds (seeded)'),
    param(
      'chunk',
      'chunk',
      64,
      1,
      4096,
      'queries per chunk; each sees its chunk and the one before',
    ),
  ],
  cost: (s, p) => {
    const c = Math.min(p.chunk, s.n);
    const np = ceilTo(s.n, c);
    const perRound =
      2 * 2 * s.n * s.d * (p.buckets / 2) + 2 * np * 2 * c * (s.d + s.dv) + 5 * np * 2 * c;
    const work = p.rounds * (2 * np * 2 * c + np * 2 * (s.d + s.dv) + 2 * s.n);
    return estimate(s, p.rounds * perRound, work);
  },
  largestTensorBytes: (s, p) => {
    const c = Math.min(p.chunk, s.n);
    return F32 * s.heads * p.rounds * ceilTo(s.n, c) * 2 * Math.max(c, s.d, s.dv);
  },
  refusal: (s, p) => {
    if (p.buckets % 2 !== 0) {
      return `LSH needs an even bucket count (h(x) = argmax[xR; −xR]), got ${p.buckets}`;
    }
    // The sort key bucket·n + position must stay exact in float32.
    if (p.buckets * s.n > 2 ** 24) {
      return `LSH sorts by bucket·n + position, which must stay below 2²⁴: ${p.buckets} buckets × n = ${s.n} is too many`;
    }
    return null;
  },
};

const taylor: VariantSpec = {
  id: 'taylor',
  label: 'Taylor (degree p)',
  family: 'kernel',
  exact: false,
  supportsCausal: true,
  complexity: {
    time: 'O(n·C(d+p,p)·d)',
    memory: 'O(n·C(d+p,p))',
    words: 'linear in n, but the feature count C(d+p, p) explodes with p',
  },
  timeExponent: 1,
  params: [param('p', 'degree p', 2, 0, 8, 'Taylor degree of exp; must be even')],
  cost: (s, p) => {
    const f = taylorFeatureCount(s.d, p.p);
    return featureAttentionCost(s, f, s.n * f * Math.max(1, p.p));
  },
  largestTensorBytes: (s, p) => {
    const f = taylorFeatureCount(s.d, p.p);
    return F32 * s.heads * s.n * Math.max(f, s.dv, s.causal ? CAUSAL_CHUNK : 0);
  },
  refusal: (s, p) => {
    if (p.p % 2 !== 0) {
      return `Taylor degree p must be even: for odd p the truncated exp can be ≤ 0 and a row sum can vanish (p = ${p.p})`;
    }
    const f = taylorFeatureCount(s.d, p.p);
    if (f > TAYLOR_MAX_FEATURES) {
      return `Taylor degree ${p.p} at d = ${s.d} needs C(d+p, p) = ${f.toLocaleString('en')} features per token, more than the ${TAYLOR_MAX_FEATURES.toLocaleString('en')} that fit`;
    }
    return null;
  },
};

/** Every variant id, in the order pickers and legends show them. */
export const VARIANT_ID_LIST = [
  'dense',
  'flash',
  'fused',
  'window',
  'bigbird',
  'linformer',
  'performer',
  'linear',
  'nystrom',
  'lsh',
  'taylor',
] as const;

export type VariantId = (typeof VARIANT_ID_LIST)[number];

/** One spec per id: the compiler refuses a missing or an unknown one. */
const SPEC_BY_ID: Readonly<Record<VariantId, VariantSpec>> = {
  dense,
  flash,
  fused,
  window,
  bigbird,
  linformer,
  performer,
  linear,
  nystrom,
  lsh,
  taylor,
};

export const VARIANT_SPECS: readonly VariantSpec[] = VARIANT_ID_LIST.map((id) => SPEC_BY_ID[id]);

/** The ids as plain strings, for checking what a URL, a file or a flag names. */
export const VARIANT_IDS: readonly string[] = VARIANT_ID_LIST;

export function findSpec(id: string): VariantSpec | undefined {
  return VARIANT_SPECS.find((v) => v.id === id);
}
