import { createRng, deriveSeed, type Rng } from '../rng';

/**
 * The synthetic copy task the small transformer learns: k distinct letters, a separator, then
 * the same k letters again ("CAFE|CAFE"). The first copy is random and cannot be predicted; the
 * second is fully determined by it, and predicting it needs an induction circuit: find the
 * earlier occurrence of the current letter and copy the letter that followed it.
 */

/** Letters 'A'..'P' are ids 0..15. */
export const LETTERS = 'ABCDEFGHIJKLMNOP';
export const SEP = 16;
export const SEP_CHAR = '|';
export const VOCAB = 17;
export const CONTEXT = 32;
/** k is drawn uniformly from this range (inclusive); 2k + 1 ≤ CONTEXT. */
export const K_MIN = 3;
export const K_MAX = 15;

export type Split = 'train' | 'heldout';

export function tokenChar(id: number): string {
  if (id === SEP) return SEP_CHAR;
  return id >= 0 && id < LETTERS.length ? LETTERS[id] : '?';
}

export function detokenize(tokens: readonly number[]): string {
  return tokens.map(tokenChar).join('');
}

export interface Tokenized {
  tokens: number[];
  /** Characters the vocabulary lacks, with their index in the text. */
  unknown: { char: string; position: number }[];
}

/** Text to token ids; spaces are ignored, lowercase letters are accepted. Never throws. */
export function tokenize(text: string): Tokenized {
  const tokens: number[] = [];
  const unknown: Tokenized['unknown'] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) continue;
    if (ch === SEP_CHAR) {
      tokens.push(SEP);
      continue;
    }
    const id = LETTERS.indexOf(ch.toUpperCase());
    if (id >= 0) tokens.push(id);
    else unknown.push({ char: ch, position: i });
  }
  return { tokens, unknown };
}

/** k distinct letters, '|', the same letters again: 2k + 1 tokens. */
export function makeSequence(rng: Rng, k: number): number[] {
  if (!Number.isInteger(k) || k < 1 || k > LETTERS.length) {
    throw new Error(`k must be an integer in [1, ${LETTERS.length}], got ${k}`);
  }
  // Partial Fisher–Yates: distinct letters make the copy unambiguous.
  const pool = Array.from(LETTERS, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const letters = pool.slice(0, k);
  return [...letters, SEP, ...letters];
}

/**
 * Which split a sequence belongs to, by a hash of its tokens (1 in 8 is held out). Training
 * never sees a held-out sequence, whatever seed either side uses.
 */
export function splitOf(tokens: readonly number[]): Split {
  let h = 0x811c9dc5;
  for (const t of tokens) h = Math.imul(h ^ (t + 1), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  return (h ^ (h >>> 15)) % 8 === 0 ? 'heldout' : 'train';
}

/** One sequence of the split with k letters (rejection sampling on splitOf). */
export function sampleSequence(rng: Rng, k: number, split: Split): number[] {
  for (;;) {
    const s = makeSequence(rng, k);
    if (splitOf(s) === split) return s;
  }
}

export const randomK = (rng: Rng) => K_MIN + rng.int(K_MAX - K_MIN + 1);

/** `count` seeded sequences of the split, k uniform in [K_MIN, K_MAX]. */
export function sampleSequences(count: number, seed: number, split: Split): number[][] {
  const rng = createRng(deriveSeed(seed, `copy-task-${split}`));
  return Array.from({ length: count }, () => sampleSequence(rng, randomK(rng), split));
}

/**
 * Positions whose next-token prediction the task scores: the separator and every letter of
 * the second copy except the last (k positions p, target tokens[p + 1]). Empty when the
 * tokens are not a copy-task sequence.
 */
export function taskPositions(tokens: readonly number[]): number[] {
  const sep = tokens.indexOf(SEP);
  const k = sep;
  if (k < 1 || tokens.length !== 2 * k + 1) return [];
  for (let i = 0; i < k; i++) if (tokens[k + 1 + i] !== tokens[i]) return [];
  return Array.from({ length: k }, (_, i) => sep + i);
}
