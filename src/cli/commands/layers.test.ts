import { describe, expect, it } from 'vitest';
import { run } from '../testing';

/** `cli layers`: the shipped default model on one sequence, as JSON; bad input exits 2. */

describe('cli layers', () => {
  it('traces CAFE|CAFE through the PreNorm model and predicts the copy', async () => {
    const r = await run(['layers', '--model', 'pre', '--text', 'CAFE|CAFE', '--backend', 'cpu']);
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toMatchObject({ id: 'pre', trained: true });
    expect(doc.layers).toHaveLength(4);
    const scored = doc.predictions.filter((p: { expected?: string }) => p.expected);
    expect(scored.map((p: { next: string }) => p.next).join('')).toBe('CAFE');
    const total = Object.values(doc.shares as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 3);
  });

  it('refuses unknown characters, unknown models and causal linformer with exit 2', async () => {
    const bad = async (argv: string[], why: RegExp) => {
      const r = await run(['layers', '--backend', 'cpu', ...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr.join('\n')).toMatch(why);
    };
    await bad(['--model', 'pre', '--text', 'CAZE'], /"Z" at 2/);
    await bad(['--model', 'nope', '--text', 'CAFE'], /cannot load model nope/);
    await bad(['--model', 'pre', '--text', 'CAFE', '--variant', 'linformer'], /cannot be causal/);
  });
});
