import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

/** Helpers for the CLI tests: a scratch folder, input files, and main() with captured output. */

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'ae-cli-'));
}

/** n deterministic rows of width w (no randomness needed: the values only have to vary). */
export const rows = (n: number, w: number, s: number) =>
  Array.from({ length: n }, (_, i) =>
    Array.from({ length: w }, (_, j) => Math.sin(i * 7 + j * 3 + s)),
  );

export function writeFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
  return { code, stdout: out.join(''), stderr: err };
}

/** Temp files left behind by an interrupted atomic write. */
export const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
