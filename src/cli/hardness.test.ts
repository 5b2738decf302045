import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModFile } from '../features/hardness/modFile';
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
    [['hardness', 'rank'], /unknown experiment "rank" \(experiments: mod\)/],
    [['hardness', 'mod', '--capacity', '2'], /capacity must be a number in \(0, 1\], got 2/],
    [['hardness', 'mod', '--capacity', 'half'], /--capacity must be a finite number/],
    [['hardness', 'mod', '--s', '8'], /each of ns must be an integer in \[16, 8192\], got 8/],
    [['hardness', 'mod', '--out', '/nonexistent/x.json'], /cannot write output file/],
  ])('%j → exit 2, one line', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message);
  });
});
