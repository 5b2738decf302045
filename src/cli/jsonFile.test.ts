import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './errors';
import { jsonDepth, parseJsonText, readJsonFile, readRegularFile } from './jsonFile';
import { MAX_JSON_DEPTH } from './limits';
import { scratchDir } from './testing';

describe('files the CLI reads', () => {
  it('refuses devices, FIFOs and folders without reading (no hang on /dev/zero or a FIFO)', () => {
    const dir = scratchDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(dir, 'folder'));
    expect(() => readRegularFile('/dev/zero', 'input')).toThrow(/not a regular file/);
    expect(() => readRegularFile(fifo, 'input')).toThrow(/not a regular file/);
    expect(() => readRegularFile(join(dir, 'folder'), 'input')).toThrow(/it is a folder/);
    expect(() => readRegularFile(join(dir, 'missing'), 'input')).toThrow(/ENOENT/);
  });

  it('stops at the size limit', () => {
    const path = join(scratchDir(), 'big.json');
    writeFileSync(path, 'x'.repeat(2000));
    expect(readRegularFile(path, 'input', 2000).length).toBe(2000);
    expect(() => readRegularFile(path, 'input', 1999)).toThrow(/larger than/);
  });

  it('a 100 000-deep JSON file is one error, not a stack overflow', () => {
    const path = join(scratchDir(), 'deep.json');
    writeFileSync(path, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(() => readJsonFile(path, 'input')).toThrow(CliError);
    expect(() => readJsonFile(path, 'input')).toThrow(/nested deeper than 64/);
  });

  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a": [[1], {"b": "[[[[{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
    const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parseJsonText(ok, 'input')).toBeInstanceOf(Array);
    expect(() => parseJsonText(`[${ok}]`, 'input')).toThrow(/nested deeper/);
    expect(() => parseJsonText('{"q": [', 'input')).toThrow(/malformed JSON/);
  });
});
