import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows, scratchDir, writeFile } from './testing';

/** The command line as users run it: real processes through npm and tsx. */

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

const npmCli = (args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });

describe('real processes', () => {
  it('npm run cli: attention writes the file, prints nothing, exits 0', () => {
    const input = writeFile(
      dir,
      'in.json',
      JSON.stringify({ q: rows(6, 4, 1), k: rows(6, 4, 2), v: rows(6, 4, 3) }),
    );
    const output = join(dir, 'out.json');
    const r = npmCli(['attention', '--variant', 'linear', '--input', input, '--output', output]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    expect(doc.variant).toBe('linear');
    expect(doc.output).toHaveLength(6);
  });

  it('npm run cli: bad input exits 2 with exactly one stderr line and no file', () => {
    const output = join(dir, 'never.json');
    const r = npmCli([
      'attention',
      '--variant',
      'x',
      '--input',
      'nowhere.json',
      '--output',
      output,
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^error: cannot read input file nowhere\.json \(ENOENT\)$/),
    ]);
    expect(existsSync(output)).toBe(false);
  });

  it('tsx main.ts: a large JSON document on a pipe arrives whole', () => {
    const n = 600;
    const input = writeFile(
      dir,
      'big.json',
      JSON.stringify({ q: rows(n, 16, 1), k: rows(n, 16, 2), v: rows(n, 16, 3) }),
    );
    const r = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'attention', '--variant', 'flash', '--input', input],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      },
    );
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.output).toHaveLength(n);
    expect(doc.reference.relError).toBeLessThan(1e-5);
  });
});
