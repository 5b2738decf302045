import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

describe('output paths that cannot be written fail at once', () => {
  it.each([
    ['', /the name is empty/],
    ['dir/', /names a folder/],
    ['x'.repeat(300), /300 bytes long \(at most 255\)/],
    ['/proc/x', /not writable/],
    ['/dev/null', /not a regular file/],
  ])('%j', (path, why) => {
    expect(() => checkOutputPath(path)).toThrow(why);
  });

  it('probes the folder and leaves nothing behind', () => {
    const probeDir = scratchDir();
    checkOutputPath(join(probeDir, 'x.json'));
    expect(readdirSync(probeDir)).toEqual([]);
  });

  it("removes temp files of the same target left by a killed run, never another's", () => {
    const tempDir = scratchDir();
    const target = join(tempDir, 'out.json');
    // pid 2^22 + 1 is above Linux's pid_max default: no live process has it.
    const stale = join(tempDir, '.out.json.4194305.0badc0de.tmp');
    const other = join(tempDir, '.other.json.4194305.0badc0de.tmp');
    writeFileSync(stale, 'partial');
    writeFileSync(other, 'partial');
    checkOutputPath(target);
    expect(readdirSync(tempDir).sort()).toEqual(['.other.json.4194305.0badc0de.tmp']);
  });

  it('a write that fails reports its own error and removes its temp file', () => {
    const target = join(scratchDir(), 'y'.repeat(250));
    expect(() => writeAtomic(join(target, 'inner.json'), 'x')).toThrow(/ENOENT/);
    expect(() => writeAtomic(target, 'x')).not.toThrow();
    expect(readdirSync(dirname(target))).toEqual(['y'.repeat(250)]);
  });
});
