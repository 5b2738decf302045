import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCost } from './cost';
import { ownKernelProblem, ownNameProblem, statedFlops } from './ownKernel';

const at = (text: string, n: number, d = 64, dv = d) => {
  const r = parseCost(text);
  if (!r.ok) throw new Error(r.error);
  return r.cost({ n, d, dv });
};

describe('a stated cost', () => {
  it('reads the ways a paper writes it', () => {
    expect(at('O(n^2 d)', 1024)).toBe(1024 ** 2 * 64);
    expect(at('n² d', 1024)).toBe(1024 ** 2 * 64);
    expect(at('n*n*d', 8)).toBe(8 * 8 * 64);
    expect(at('16 · n · d', 100)).toBe(16 * 100 * 64);
    expect(at('n log n · d', 1024)).toBe(1024 * 10 * 64);
    expect(at('n log(n) d', 1024)).toBe(1024 * 10 * 64);
    expect(at('2 n^2 d + n dv', 10, 4, 8)).toBe(2 * 100 * 4 + 10 * 8);
    expect(at('n^1.5 (d + dv)', 16, 3, 5)).toBe(64 * 8);
    expect(at(' O( n ) ', 7)).toBe(7);
  });

  it('refuses what it cannot read, naming the part', () => {
    const problem = (text: string) => {
      const r = parseCost(text);
      return r.ok ? null : r.error;
    };
    expect(problem('')).toMatch(/empty/);
    expect(problem('O()')).toMatch(/empty/);
    expect(problem('n w d')).toMatch(/"w" is not a name a cost may use.*16 n d/);
    expect(problem('n^d')).toMatch(/exponent must be a number/);
    expect(problem('n^2 d)')).toMatch(/"\)" is left over/);
    expect(problem('(n d')).toMatch(/expected "\)"/);
    expect(problem('n; alert(1)')).toMatch(/";" at character 2/);
    expect(problem('0 n')).toMatch(/must be positive/);
    expect(problem('n^1000')).toMatch(/positive and finite/);
    expect(problem('n'.repeat(100))).toMatch(/at most 80 characters/);
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 90 }), (text) => {
        const r = parseCost(text);
        if (r.ok) expect(r.cost({ n: 64, d: 8, dv: 8 })).toBeGreaterThan(0);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
    );
  });

  it('a product of n^a d^b is n^a d^b for any small exponents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), (a, b) => {
        expect(at(`n^${a} d^${b}`, 32, 8)).toBe(32 ** a * 8 ** b);
      }),
    );
  });
});

describe('an own kernel', () => {
  const body = '  setOut(h, i, 0u, 1.0);';
  it('is named apart from the built-in variants', () => {
    expect(ownNameProblem('mine')).toBeNull();
    expect(ownNameProblem('Dense')).toMatch(/built-in/);
    expect(ownNameProblem('fused')).toMatch(/built-in/);
    expect(ownNameProblem('1st')).toMatch(/starting with a letter/);
    expect(ownNameProblem('a b')).toMatch(/letters, digits/);
    expect(ownNameProblem('')).toMatch(/name/);
    expect(ownNameProblem('x'.repeat(25))).toMatch(/at most 24/);
  });

  it('needs a body and a cost that reads', () => {
    expect(ownKernelProblem({ name: 'mine', body, cost: 'n^2 d' })).toBeNull();
    expect(ownKernelProblem({ name: 'mine', body: ' ', cost: 'n^2 d' })).toMatch(/empty/);
    expect(ownKernelProblem({ name: 'mine', body: 'x'.repeat(16_001), cost: 'n' })).toMatch(
      /at most 16000/,
    );
    expect(ownKernelProblem({ name: 'mine', body, cost: 'n k' })).toMatch(/its cost "n k"/);
  });

  it('states its FLOPs as heads × its cost', () => {
    const k = { name: 'mine', body, cost: '16 n d' };
    expect(statedFlops(k, { heads: 3, n: 100, d: 8, dv: 8 })).toBe(3 * 16 * 100 * 8);
  });
});
