import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../core/csv';
import { leftovers, run, scratchDir } from './testing';

/** The sweep and bench commands through main(): rows, fits, CSV, checks, and bad flags. */

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

const small = ['--n', '32,64', '--d', '8', '--repeats', '2'];

describe('sweep', () => {
  it('dense + flash (+ a refused nystrom): finite rows, fits, provenance, no leaks', async () => {
    const output = join(dir, 'sweep.json');
    const r = await run([
      'sweep',
      '--variants',
      'dense,flash,nystrom',
      ...small,
      '--param',
      'nystrom.m=64',
      '--param',
      'flash.block=16',
      '--output',
      output,
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: [] });
    const liveAfterFirst = tf.memory().numTensors;
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    expect(
      doc.rows.map((row: { variant: string; n: number }) => `${row.variant}@${row.n}`),
    ).toEqual(['dense@32', 'dense@64', 'flash@32', 'flash@64', 'nystrom@32', 'nystrom@64']);
    const ran = doc.rows.filter((row: { refused?: string }) => !row.refused);
    expect(ran).toHaveLength(5);
    for (const row of ran) {
      for (const key of [
        'msMedian',
        'msMin',
        'msMax',
        'peakBytes',
        'analyticBytes',
        'analyticFlops',
      ]) {
        expect(Number.isFinite(row[key]) && row[key] > 0).toBe(true);
      }
      expect(row.msMin).toBeLessThanOrEqual(row.msMedian);
      expect(row.msMedian).toBeLessThanOrEqual(row.msMax);
      expect(row.errorReference).toBe('dense');
      expect(Number.isFinite(row.relError) && Number.isFinite(row.maxAbsError)).toBe(true);
      if (row.variant !== 'nystrom') expect(row.relError).toBeLessThan(1e-5); // exact variants
    }
    expect(doc.rows[4]).toEqual({
      variant: 'nystrom',
      n: 32,
      refused: expect.stringMatching(/m = 64 to divide n = 32/),
    });
    expect(doc.fits.map((f: { variant: string; points: number }) => [f.variant, f.points])).toEqual(
      [
        ['dense', 2],
        ['flash', 2],
        ['nystrom', 1],
      ],
    );
    expect(doc.provenance).toMatchObject({
      backend: 'wasm',
      tfjsVersion: '4.22.0',
      seed: 1,
      repeats: 2,
      warmup: 1,
      d: 8,
      heads: 1,
      inputKind: 'gaussian',
      causal: false,
      params: { dense: {}, flash: { block: 16 }, nystrom: { m: 64 } },
    });
    expect(typeof doc.provenance.cpu).toBe('string');

    // A second sweep in the same process leaves the live tensor count where it was.
    const again = await run(['sweep', '--variants', 'linear,flash', ...small, '--output', output]);
    expect(again.code).toBe(0);
    expect(tf.memory().numTensors).toBe(liveAfterFirst);
  });

  it('writes RFC 4180 CSV: a header, then one row per (variant, n), reasons quoted', async () => {
    const r = await run([
      'sweep',
      '--variants',
      'linear,linformer,lsh',
      '--causal',
      ...small,
      '--format',
      'csv',
      '--backend',
      'cpu',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const table = parseCsv(r.stdout);
    const [header, ...body] = table;
    expect(header.slice(0, 4)).toEqual(['variant', 'n', 'refused', 'msMedian']);
    expect(body).toHaveLength(6);
    expect(body.every((cells) => cells.length === header.length)).toBe(true);
    const col = (cells: string[], name: string) => cells[header.indexOf(name)];
    expect(body.map((cells) => `${col(cells, 'variant')}@${col(cells, 'n')}`)).toEqual([
      'linear@32',
      'linear@64',
      'linformer@32',
      'linformer@64',
      'lsh@32',
      'lsh@64',
    ]);
    expect(Number(col(body[0], 'msMedian'))).toBeGreaterThan(0);
    expect(Number(col(body[0], 'relError'))).toBeGreaterThan(0);
    expect(col(body[0], 'refused')).toBe('');
    expect(col(body[2], 'refused')).toMatch(/cannot be causal: it mixes/);
    expect(col(body[2], 'msMedian')).toBe('');
    expect(JSON.parse(col(body[2], 'params'))).toEqual({ k: 256 });
    expect(JSON.parse(col(body[4], 'params'))).toEqual({ buckets: 16, rounds: 4, chunk: 64 });
    // Parameters as JSON hold commas and quotes: quoted, quotes doubled, in the raw text.
    expect(r.stdout).toContain(',"{""buckets"":16,""rounds"":4,""chunk"":64}"\r\n');
  });

  it.each([
    [['--n', '16,x'], /--n must be a positive integer, got "x"/],
    [['--n', '12'], /--n must be in \[16, 16384\], got 12/],
    [['--n', '0'], /--n must be a positive integer, got "0"/],
    [['--n', '64,64'], /n = 64 listed twice/],
    [['--variants', 'dense,zzz'], /unknown variant "zzz" \(valid: dense, flash/],
    [['--input-kind', 'spiky'], /--input-kind must be one of gaussian, bounded/],
    [['--format', 'xml'], /--format must be json or csv/],
    [['--backend', 'gpu'], /--backend must be one of cpu, wasm, webgpu/],
    [['--param', 'flash.tile=3'], /unknown parameter "tile" for flash/],
    [['--param', 'flash.block=0'], /block of flash must be in \[1, 8192\], got 0/],
    [['--param', 'zzz.m=3'], /unknown variant "zzz"/],
    [['--variants', 'dense', '--param', 'flash.block=8'], /flash, which is not in the sweep/],
    [['--param', 'block=8'], /expects VARIANT\.NAME=VALUE/],
    [['--warmup', '0'], /--warmup must be a positive integer/],
    [['--repeats', '1.5'], /--repeats must be a positive integer/],
    [['--bogus'], /unknown flag --bogus/],
    [['extra'], /unexpected argument "extra"/],
  ])('sweep %j exits 2 with one line and writes nothing', async (argv, message) => {
    const output = join(dir, `never-${Math.random()}.json`);
    const r = await run(['sweep', ...(argv as string[]), '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(message as RegExp)]);
    expect(existsSync(output)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('bench', () => {
  it('marks each check with its figures; --strict turns a failed check into exit 1', async () => {
    const output = join(dir, 'bench.json');
    const argv = ['bench', '--variants', 'dense,flash', '--n', '32,64', '--repeats', '1'];
    const r = await run([...argv, '--backend', 'cpu', '--output', output]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    const byName = new Map(doc.checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.get('dense fitted exponent')).toMatchObject({
      status: expect.stringMatching(/^(pass|fail)$/),
      measured: expect.any(Number),
      details: { fitNMin: 32, fitNMax: 64, points: 2 },
    });
    expect(byName.get('linear fitted exponent')).toMatchObject({
      status: 'skipped',
      note: 'linear was not in this run',
    });
    // With one key block (B = 64 ≥ n) flash holds as much as dense: this check must fail.
    const flash = doc.checks.find((c: { name: string }) => c.name.startsWith('flash peak'));
    expect(flash).toMatchObject({ status: 'fail', details: { n: 64 } });
    expect(flash.note).toMatch(/n = 4096 not in this run: checked at n = 64/);
    expect(doc.checksPassed).toBe(false);
    expect(doc.fitRange).toMatchObject({ nMin: 32, nMax: 64 });
    expect(doc.provenance).toMatchObject({
      d: 64,
      heads: 1,
      seed: 1,
      inputKind: 'gaussian',
      scale: 1,
    });
    expect(r.stderr.some((line) => /^FAIL flash peak/.test(line))).toBe(true);
    expect(r.stderr.at(-1)).toBe(`wrote ${output}`);

    const strict = await run([...argv, '--backend', 'cpu', '--output', output, '--strict']);
    expect(strict.code).toBe(1);
  });

  it('takes only its own flags', async () => {
    const r = await run(['bench', '--d', '32']);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/unknown flag --d/)]);
  });
});
