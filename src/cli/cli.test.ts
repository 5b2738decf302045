import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../core/headBlock';
import { generateInputs } from '../core/inputs';
import { leftovers, rows, run, scratchDir, writeFile } from './testing';

/** The attention command's contract: results with provenance; bad input → exit 2, one line. */

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

const json = (x: unknown) => JSON.stringify(x);
const good = () => ({ q: rows(8, 4, 1), k: rows(8, 4, 2), v: rows(8, 4, 3) });

describe('attention', () => {
  it('dense on a random input: output n×dv, relError ≈ 0, every parameter and provenance', async () => {
    const x = generateInputs({ kind: 'gaussian', heads: 1, n: 24, d: 8, dv: 5, seed: 4 });
    const input = writeFile(
      dir,
      'rand.json',
      json({ q: toRows(x.q), k: toRows(x.k), v: toRows(x.v) }),
    );
    const output = join(dir, 'dense.json');
    const r = await run([
      'attention',
      '--variant',
      'dense',
      '--input',
      input,
      '--output',
      output,
      '--seed',
      '7',
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: [] });
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    expect(doc.variant).toBe('dense');
    expect(doc.params).toEqual({});
    expect(doc.backend).toBe('cpu');
    expect(doc.output).toHaveLength(24);
    expect(doc.output.every((row: number[]) => row.length === 5)).toBe(true);
    expect(doc.reference.relError).toBeLessThan(1e-6);
    expect(doc.reference.maxAbsError).toBeLessThan(1e-5);
    expect(doc.ms).toBeGreaterThan(0);
    expect(doc.peakBytes).toBeGreaterThanOrEqual(24 * 24 * 4);
    expect(doc.analytic.flops).toBeGreaterThan(0);
    expect(doc.provenance).toMatchObject({
      tfjsVersion: '4.22.0',
      seed: 7,
      causal: false,
      n: 24,
      d: 8,
      dv: 5,
      heads: 1,
    });
    expect(Date.parse(doc.provenance.date)).not.toBeNaN();
    expect(doc.provenance.node).toBe(process.version);
    expect(leftovers(dir)).toEqual([]);
  });

  it('echoes defaults beside given parameters; a narrow window differs from dense', async () => {
    const input = writeFile(
      dir,
      'in.json',
      json({ q: rows(12, 4, 1), k: rows(12, 4, 2), v: rows(12, 3, 3) }),
    );
    const r = await run([
      'attention',
      '--variant',
      'bigbird',
      '--input',
      input,
      '--param',
      'block=2',
      '--param',
      'globals=0',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.params).toEqual({ block: 2, globals: 0, random: 3 });
    expect(doc.output[0]).toHaveLength(3);
    const w = JSON.parse(
      (await run(['attention', '--variant', 'window', '--input', input, '--param', 'w=2'])).stdout,
    );
    expect(w.params).toEqual({ w: 2 });
    expect(w.reference.relError).toBeGreaterThan(0.01);
  });

  it('causal dense matches the causal float64 reference; multi-head input gives heads×n×dv', async () => {
    const input = writeFile(
      dir,
      'heads.json',
      json({
        q: [rows(9, 5, 1), rows(9, 5, 4)],
        k: [rows(9, 5, 2), rows(9, 5, 5)],
        v: [rows(9, 2, 3), rows(9, 2, 6)],
      }),
    );
    const r = await run([
      'attention',
      '--variant',
      'dense',
      '--input',
      input,
      '--causal',
      '--backend',
      'wasm',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.causal).toBe(true);
    expect(doc.backend).toBe('wasm');
    expect([doc.output.length, doc.output[0].length, doc.output[0][0].length]).toEqual([2, 9, 2]);
    expect(doc.reference.maxAbsError).toBeLessThan(1e-5);
    // Row 0 sees only key 0: its output is v[0].
    expect(doc.output[1][0][0]).toBeCloseTo(rows(9, 2, 6)[0][0], 5);
  });
});

describe('attention: bad input exits 2 with one stderr line and no output file', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'unreadable file',
      () => ['--variant', 'dense', '--input', join(dir, 'missing.json')],
      /cannot read input file .*missing\.json \(ENOENT\)/,
    ],
    [
      'malformed JSON',
      () => ['--variant', 'dense', '--input', writeFile(dir, 'bad.json', '{"q": [[1,')],
      /malformed JSON/,
    ],
    [
      'not an object',
      () => ['--variant', 'dense', '--input', writeFile(dir, 'arr.json', '[1, 2]')],
      /expected an object/,
    ],
    [
      'missing v',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'nov.json', json({ q: [[1]], k: [[1]] })),
      ],
      /missing "v"/,
    ],
    [
      'ragged rows',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'rag.json', json({ ...good(), q: [[1, 2], [3]] })),
      ],
      /ragged rows: q row 1 has 1 numbers, row 0 has 2/,
    ],
    [
      'k row count differs',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'mis.json', json({ ...good(), k: rows(7, 4, 1) })),
      ],
      /mismatched shapes: q, k, v have 8, 7, 8 rows/,
    ],
    [
      'v row count differs',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'misv.json', json({ ...good(), v: rows(9, 4, 1) })),
      ],
      /mismatched shapes: q, k, v have 8, 8, 9 rows/,
    ],
    [
      'q and k widths differ',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'wid.json', json({ ...good(), k: rows(8, 3, 1) })),
      ],
      /mismatched shapes: q rows have 4 numbers, k rows 3/,
    ],
    [
      'a null entry',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'nan.json', '{"q": [[1, null]], "k": [[1, 2]], "v": [[1]]}'),
      ],
      /q row 0 column 1 is not a finite number \(null\)/,
    ],
    [
      'an overflowing number',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'inf.json', '{"q": [[1, 2]], "k": [[1e999, 2]], "v": [[1]]}'),
      ],
      /k row 0 column 0 is not a finite number \(Infinity\)/,
    ],
    [
      'beyond float32',
      () => [
        '--variant',
        'dense',
        '--input',
        writeFile(dir, 'f32.json', '{"q": [[1, 2]], "k": [[1, 2]], "v": [[1e39]]}'),
      ],
      /not a finite number in float32/,
    ],
    [
      'unknown variant',
      () => ['--variant', 'nope', '--input', writeFile(dir, 'g1.json', json(good()))],
      /unknown variant "nope" \(valid: dense, flash, fused, window/,
    ],
    [
      'unknown parameter',
      () => [
        '--variant',
        'flash',
        '--param',
        'size=4',
        '--input',
        writeFile(dir, 'g2.json', json(good())),
      ],
      /unknown parameter "size" for flash \(its parameters: block\)/,
    ],
    [
      'out-of-range parameter',
      () => [
        '--variant',
        'performer',
        '--param',
        'm=0',
        '--input',
        writeFile(dir, 'g3.json', json(good())),
      ],
      /m of performer must be in \[1, 16384\], got 0/,
    ],
    [
      'non-numeric parameter',
      () => [
        '--variant',
        'performer',
        '--param',
        'm=lots',
        '--input',
        writeFile(dir, 'g3b.json', json(good())),
      ],
      /--param expects NAME=NUMBER/,
    ],
    [
      'causal for a non-causal variant',
      () => [
        '--variant',
        'linformer',
        '--causal',
        '--input',
        writeFile(dir, 'g4.json', json(good())),
      ],
      /cannot be causal/,
    ],
    [
      'a size the variant refuses',
      () => [
        '--variant',
        'nystrom',
        '--param',
        'm=3',
        '--input',
        writeFile(dir, 'g5.json', json(good())),
      ],
      /m = 3 to divide n = 8/,
    ],
    [
      'unknown flag',
      () => ['--variant', 'dense', '--colour', 'red'],
      /unknown flag --colour \(flags: --variant, --input/,
    ],
    [
      'unknown backend',
      () => [
        '--variant',
        'dense',
        '--backend',
        'tpu',
        '--input',
        writeFile(dir, 'g6.json', json(good())),
      ],
      /--backend must be one of cpu, wasm, webgpu, got "tpu"/,
    ],
    [
      'bad seed',
      () => ['--variant', 'dense', '--seed=-1', '--input', writeFile(dir, 'g7.json', json(good()))],
      /--seed must be an integer ≥ 0/,
    ],
    [
      'bad repeats',
      () => [
        '--variant',
        'dense',
        '--repeats',
        '0',
        '--input',
        writeFile(dir, 'g8.json', json(good())),
      ],
      /--repeats must be a positive integer/,
    ],
    ['missing --input', () => ['--variant', 'dense'], /--input is required/],
    [
      'a flag without its value',
      () => ['--variant', 'dense', '--input'],
      /Option '--input' argument is ambiguous\. \(a missing value\?/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const output = join(dir, `never-${Math.random()}.json`);
    const r = await run(['attention', ...args(), '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^error: /);
    expect(r.stderr[0]).toMatch(message);
    expect(r.stderr[0]).not.toContain('\n');
    expect(r.stdout).toBe('');
    expect(existsSync(output)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('an --output in a missing folder is refused before any work', async () => {
    const input = writeFile(dir, 'g9.json', json(good()));
    const output = join(dir, 'no', 'such', 'out.json');
    const r = await run(['attention', '--variant', 'dense', '--input', input, '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      expect.stringMatching(/cannot write output file .* not writable \(ENOENT\)/),
    ]);
    expect(existsSync(output)).toBe(false);
  });

  it.each([
    [[], /no command given/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(message as RegExp)]);
  });

  it('--help prints usage and exits 0', async () => {
    const r = await run(['attention', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: attention --variant ID --input in\.json/);
  });
});
