/**
 * Seeded randomness (mulberry32 plus Box–Muller): the same seed gives the same numbers in the
 * browser, the worker, Node and tests.
 */
/** Seeds are 32-bit unsigned integers (the generator's state); every seed input takes this range. */
export const SEED_RANGE = [0, 2 ** 32 - 1] as const;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export function createRng(seed: number): Rng {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  let spare: number | null = null;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal, int: (maxExclusive) => Math.floor(next() * maxExclusive) };
}

/** A child seed for a named purpose, so streams for different uses do not overlap. */
export function deriveSeed(seed: number, purpose: string): number {
  let h = (Math.floor(seed) ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}

/** n×cols standard normal numbers, row-major. */
export function normalMatrix(rng: Rng, rows: number, cols: number, scale = 1): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = scale * rng.normal();
  return out;
}
