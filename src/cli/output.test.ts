import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../core/csv';
import { CliError } from './errors';
import { checkOutputPath, writeAtomic } from './output';
import { scratchDir } from './testing';

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes or line breaks and round-trips them', () => {
    const records = [
      { a: 'plain', b: 1.5, c: null },
      { a: 'with, comma', b: -2, c: 'say "hi"' },
      { a: 'two\nlines', b: 0, c: undefined },
    ];
    const text = toCsv(['a', 'b', 'c'], records);
    expect(text).toBe(
      'a,b,c\r\nplain,1.5,\r\n"with, comma",-2,"say ""hi"""\r\n"two\nlines",0,\r\n',
    );
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['plain', '1.5', ''],
      ['with, comma', '-2', 'say "hi"'],
      ['two\nlines', '0', ''],
    ]);
  });
});

describe('output files', () => {
  it('writes atomically and leaves no temp file', () => {
    const path = join(dir, 'a.json');
    writeAtomic(path, 'one');
    writeAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed write leaves neither the file nor a temp file', () => {
    const path = join(dir, 'missing-folder', 'b.json');
    expect(() => writeAtomic(path, 'x')).toThrow(CliError);
    expect(existsSync(path)).toBe(false);
  });

  it('checks the target before any work', () => {
    expect(() => checkOutputPath(join(dir, 'fine.json'))).not.toThrow();
    expect(() => checkOutputPath(join(dir, 'nope', 'x.json'))).toThrow(/not writable \(ENOENT\)/);
    mkdirSync(join(dir, 'sub'));
    expect(() => checkOutputPath(join(dir, 'sub'))).toThrow(/it is a folder/);
  });
});
