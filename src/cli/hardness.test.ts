import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModFile } from '../features/hardness/model/modFile';
import { leftovers, run, scratchDir } from './testing';

/** `hardness mod`: the worker's job in Node, written as the panel's pre-computed file. */

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

describe('hardness mod', () => {
  it('one run per capacity, a file the panel accepts, with provenance', async () => {
    const out = join(dir, 'mod.json');
    const argv = ['--capacity', '0.5,0.25', '--s', '32,64', '--d', '8', '--repeats', '1'];
    const r = await run(['hardness', 'mod', ...argv, '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: [] });
    const file = parseModFile(JSON.parse(readFileSync(out, 'utf8')));
    if (typeof file === 'string') throw new Error(file);
    expect(file.runs.map((x) => x.experiment.capacity)).toEqual([0.5, 0.25]);
    expect(file.runs[1].points.map((p) => [p.n, p.routed])).toEqual([
      [32, 8],
      [64, 16],
    ]);
    expect(file.provenance).toMatchObject({
      backend: 'wasm',
      command: `hardness mod ${argv.join(' ')} --out ${out}`,
    });
    expect(typeof file.provenance.cpu).toBe('string');
    expect(leftovers(dir)).toEqual([]);
  });

  it.each([
    [['hardness'], /unknown experiment ""/],
    [
      ['hardness', 'flops'],
      /unknown experiment "flops" \(experiments: mod, bounded, performer, rank\)/,
    ],
    [['hardness', 'rank', '--set', 'h.rl.n=7'], /Ignored h\.rl\.n="7" from the URL \(n: one of/],
    [['hardness', 'bounded', '--set', 'h.nope=1'], /unknown key "h\.nope"/],
    [['hardness', 'performer', '--m', '4'], /--m/],
    [
      ['hardness', 'mod', '--capacity', '2'],
      /experiment\.capacity: expected a number in \[0\.01, 1\], got 2/,
    ],
    [['hardness', 'mod', '--capacity', 'half'], /--capacity must be a finite number/],
    [
      ['hardness', 'mod', '--s', '8'],
      /experiment\.ns\[0\]: expected an integer in \[16, 8192\], got 8/,
    ],
    [['hardness', 'mod', '--out', '/nonexistent/x.json'], /cannot write output file/],
  ])('%j → exit 2, one line', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message);
  });
});

describe('hardness bounded|performer|rank', () => {
  it("runs the lab's experiment with its URL keys and writes {experiment, result, provenance}", async () => {
    const out = join(dir, 'rank.json');
    const r = await run(['hardness', 'rank', '--set', 'h.rl.pattern=shift&h.rl.m=4', '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: [] });
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.experiment).toMatchObject({ kind: 'rankLimit', pattern: 'shift', m: 4 });
    expect(file.provenance.command).toBe(
      `hardness rank --set h.rl.pattern=shift&h.rl.m=4 --out ${out}`,
    );
    const { n, m } = file.experiment;
    // Eckart–Young: the best rank-m error of a permutation is exactly √(n − m).
    expect(file.result.bestError).toBeGreaterThanOrEqual(Math.sqrt(n - m) - 1e-9);
    expect(file.result.bestError).toBeCloseTo(Math.sqrt(n - m), 6);
    const softmax = file.result.softmax as { tau: number; error: number }[];
    const coldest = softmax.reduce((a, b) => (b.tau < a.tau ? b : a));
    expect(coldest.error).toBeLessThan(1e-3);
  });

  it('bounded entries on stdout: the error grows across the threshold', async () => {
    const r = await run(['hardness', 'bounded', '--set', 'h.be.n=128']);
    expect(r.code).toBe(0);
    const file = JSON.parse(r.stdout);
    expect(file.experiment.ns).toEqual([64, 128]);
    const pts = file.result.points as {
      variant: string;
      n: number;
      ratio: number;
      maxAbsError: number;
    }[];
    const at = (v: string, ratio: number) =>
      pts.find((p) => p.variant === v && p.n === 128 && p.ratio === ratio)?.maxAbsError ??
      Number.NaN;
    for (const v of ['performer', 'taylor', 'nystrom'])
      expect(at(v, 4)).toBeGreaterThan(10 * at(v, 0.25));
  });
});
