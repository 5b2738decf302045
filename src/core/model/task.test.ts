import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import {
  CONTEXT,
  detokenize,
  K_MAX,
  K_MIN,
  makeSequence,
  SEP,
  sampleSequences,
  splitOf,
  taskPositions,
  tokenize,
} from './task';

describe('copy task', () => {
  it('tokenizes letters and the separator, ignores spaces, reports unknown characters', () => {
    expect(tokenize('CAFE|CAFE')).toEqual({ tokens: [2, 0, 5, 4, 16, 2, 0, 5, 4], unknown: [] });
    expect(tokenize(' ca fe | c ').tokens).toEqual([2, 0, 5, 4, 16, 2]);
    expect(tokenize('AZB!').unknown).toEqual([
      { char: 'Z', position: 1 },
      { char: '!', position: 3 },
    ]);
    expect(detokenize(tokenize('PONG|PONG').tokens)).toBe('PONG|PONG');
  });

  it('makes k distinct letters, the separator, then the same letters', () => {
    const rng = createRng(1);
    for (let k = K_MIN; k <= K_MAX; k++) {
      const s = makeSequence(rng, k);
      expect(s.length).toBe(2 * k + 1);
      expect(s.length).toBeLessThanOrEqual(CONTEXT);
      expect(s[k]).toBe(SEP);
      expect(new Set(s.slice(0, k)).size).toBe(k);
      expect(s.slice(k + 1)).toEqual(s.slice(0, k));
    }
  });

  it('is seeded, and the held-out split never meets the training split', () => {
    expect(sampleSequences(20, 5, 'heldout')).toEqual(sampleSequences(20, 5, 'heldout'));
    const held = sampleSequences(300, 5, 'heldout');
    const train = sampleSequences(300, 5, 'train');
    expect(held.every((s) => splitOf(s) === 'heldout')).toBe(true);
    const keys = new Set(train.map((s) => s.join()));
    expect(held.some((s) => keys.has(s.join()))).toBe(false);
    const ks = new Set(held.map((s) => (s.length - 1) / 2));
    expect(Math.min(...ks)).toBe(K_MIN);
    expect(Math.max(...ks)).toBe(K_MAX);
  });

  it('scores the separator and the second copy except its last letter', () => {
    const s = tokenize('CAFE|CAFE').tokens;
    expect(taskPositions(s)).toEqual([4, 5, 6, 7]);
    expect(taskPositions(tokenize('CAFE|CAFB').tokens)).toEqual([]);
    expect(taskPositions(tokenize('CAFE').tokens)).toEqual([]);
  });
});
