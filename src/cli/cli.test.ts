import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

/** The command line's contract: results with provenance, and bad input → exit 2, one line. */

let dir = '';
const rows = (n: number, w: number, s: number) =>
  Array.from({ length: n }, (_, i) =>
    Array.from({ length: w }, (_, j) => Math.sin(i * 7 + j * 3 + s)),
  );

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
  return { code, stdout: out.join(''), stderr: err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ae-cli-'));
});

describe('attention', () => {
  it('writes the output, every effective parameter and the error against dense', async () => {
    const input = file(
      'in.json',
      JSON.stringify({ q: rows(12, 4, 1), k: rows(12, 4, 2), v: rows(12, 3, 3) }),
    );
    const output = join(dir, 'out.json');
    const r = await run([
      'attention',
      '--variant',
      'window',
      '--input',
      input,
      '--output',
      output,
      '--param',
      'w=4',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    expect(doc.variant).toBe('window');
    expect(doc.params).toEqual({ w: 4 });
    expect(doc.backend).toBe('cpu');
    expect(doc.output).toHaveLength(12);
    expect(doc.output[0]).toHaveLength(3);
    expect(doc.reference.relError).toBeGreaterThan(0.01); // a narrow window differs from dense
    expect(typeof doc.ms).toBe('number');
    expect(doc.provenance.tfjsVersion).toBe('4.22.0');
  });

  it('dense reproduces the float64 reference, causal too', async () => {
    const input = file(
      'in2.json',
      JSON.stringify({ q: rows(9, 5, 1), k: rows(9, 5, 2), v: rows(9, 5, 3) }),
    );
    const r = await run(['attention', '--variant', 'dense', '--input', input, '--causal']);
    const doc = JSON.parse(r.stdout);
    expect(doc.causal).toBe(true);
    expect(doc.reference.maxAbsError).toBeLessThan(1e-6);
  });

  it('runs as a real process through npm, JSON on stdout', () => {
    const input = file(
      'in3.json',
      JSON.stringify({ q: rows(6, 4, 1), k: rows(6, 4, 2), v: rows(6, 4, 3) }),
    );
    const text = execFileSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'attention', '--variant', 'linear', '--input', input],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(text).variant).toBe('linear');
  });
});

describe('bad input: exit 2, one line on stderr, nothing at --output', () => {
  const good = () => ({ q: rows(8, 4, 1), k: rows(8, 4, 2), v: rows(8, 4, 3) });
  const cases: [string, () => string[], RegExp][] = [
    [
      'unreadable file',
      () => ['--variant', 'dense', '--input', join(dir, 'missing.json')],
      /cannot read input file/,
    ],
    [
      'malformed JSON',
      () => ['--variant', 'dense', '--input', file('bad.json', '{"q": [[1,')],
      /malformed JSON/,
    ],
    [
      'ragged rows',
      () => [
        '--variant',
        'dense',
        '--input',
        file('rag.json', JSON.stringify({ ...good(), q: [[1, 2], [3]] })),
      ],
      /ragged rows/,
    ],
    [
      'mismatched shapes',
      () => [
        '--variant',
        'dense',
        '--input',
        file('mis.json', JSON.stringify({ ...good(), k: rows(7, 4, 1) })),
      ],
      /mismatched shapes/,
    ],
    [
      'q and k widths differ',
      () => [
        '--variant',
        'dense',
        '--input',
        file('wid.json', JSON.stringify({ ...good(), k: rows(8, 3, 1) })),
      ],
      /mismatched shapes/,
    ],
    [
      'non-finite numbers',
      () => [
        '--variant',
        'dense',
        '--input',
        file('nan.json', '{"q": [[1, null]], "k": [[1, 2]], "v": [[1]]}'),
      ],
      /not a finite number/,
    ],
    [
      'unknown variant',
      () => ['--variant', 'nope', '--input', file('g1.json', JSON.stringify(good()))],
      /valid: dense, flash/,
    ],
    [
      'unknown parameter',
      () => [
        '--variant',
        'flash',
        '--param',
        'size=4',
        '--input',
        file('g2.json', JSON.stringify(good())),
      ],
      /unknown parameter "size"/,
    ],
    [
      'out-of-range parameter',
      () => [
        '--variant',
        'performer',
        '--param',
        'm=0',
        '--input',
        file('g3.json', JSON.stringify(good())),
      ],
      /must be in \[1/,
    ],
    [
      'causal for a non-causal variant',
      () => [
        '--variant',
        'linformer',
        '--causal',
        '--input',
        file('g4.json', JSON.stringify(good())),
      ],
      /cannot be causal/,
    ],
    [
      'a refused size',
      () => [
        '--variant',
        'nystrom',
        '--param',
        'm=3',
        '--input',
        file('g5.json', JSON.stringify(good())),
      ],
      /divide n = 8/,
    ],
    ['unknown flag', () => ['--variant', 'dense', '--colour', 'red'], /Unknown option '--colour'/],
    [
      'unknown backend',
      () => [
        '--variant',
        'dense',
        '--backend',
        'tpu',
        '--input',
        file('g6.json', JSON.stringify(good())),
      ],
      /--backend must be one of/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const output = join(dir, `never-${Math.random()}.json`);
    const r = await run(['attention', ...args(), '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message);
    expect(existsSync(output)).toBe(false);
  });

  it.each([
    [['sweep', '--n', '12,x'], /--n must be a positive integer/],
    [['sweep', '--variants', 'dense,zzz'], /unknown variant "zzz"/],
    [['sweep', '--input-kind', 'spiky'], /--input-kind must be one of/],
    [['sweep', '--format', 'xml'], /--format must be json or csv/],
    [['sweep', '--param', 'flash.tile=3'], /unknown parameter "tile"/],
    [['frobnicate'], /unknown command/],
  ])('%j', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message as RegExp);
  });

  it('a real process prints exactly one stderr line', () => {
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'attention', '--variant', 'x', '--input', 'nowhere.json'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sweep', () => {
  it('gives a row per variant and n with finite numbers, refusals as rows, and fits', async () => {
    const output = join(dir, 'sweep.json');
    const r = await run([
      'sweep',
      '--variants',
      'dense,flash,nystrom',
      '--n',
      '32,64',
      '--d',
      '8',
      '--repeats',
      '2',
      '--warmup',
      '1',
      '--param',
      'nystrom.m=64',
      '--output',
      output,
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    expect(doc.rows).toHaveLength(6);
    const ran = doc.rows.filter((row: { refused?: string }) => !row.refused);
    expect(ran).toHaveLength(5); // nystrom m=64 cannot divide n=32
    for (const row of ran) {
      for (const key of [
        'msMedian',
        'msMin',
        'msMax',
        'peakBytes',
        'analyticBytes',
        'flops',
        'relError',
      ]) {
        expect(Number.isFinite(row[key])).toBe(true);
      }
      expect(row.msMin).toBeLessThanOrEqual(row.msMedian);
    }
    expect(
      doc.rows.find(
        (row: { variant: string; n: number }) => row.variant === 'flash' && row.n === 64,
      ).relError,
    ).toBeLessThan(1e-5);
    expect(doc.fits.map((f: { variant: string }) => f.variant)).toEqual(['dense', 'flash']);
    expect(doc.provenance.backend).toBe('wasm');
  });

  it('writes CSV: a header and one row per point', async () => {
    const r = await run([
      'sweep',
      '--variants',
      'linear',
      '--n',
      '16,32',
      '--d',
      '4',
      '--repeats',
      '1',
      '--warmup',
      '0',
      '--format',
      'csv',
      '--backend',
      'cpu',
    ]);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['variant', 'n', 'params']);
    expect(lines).toHaveLength(3);
    expect(lines[2].startsWith('linear,32,')).toBe(true);
  });
});
