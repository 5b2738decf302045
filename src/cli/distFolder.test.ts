import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserPlan } from './benchPlan';
import { sweepConfig } from './commands/sweepConfig';
import { claimDistFolder, DIST_MARKER, distRefusal, markDistFolder } from './distFolder';
import { CliError } from './errors';
import { scratchDir } from './testing';

/** A throwaway project: sources, dependencies, a public folder, a foreign build folder. */
function fakeProject(): string {
  const root = scratchDir();
  writeFileSync(join(root, 'package.json'), '{}');
  for (const dir of ['src', 'public', 'e2e', 'node_modules/pkg', 'docs']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  writeFileSync(join(root, 'src', 'main.ts'), 'export {};');
  writeFileSync(join(root, 'public', 'logo.svg'), '<svg/>');
  mkdirSync(join(root, 'foreign'));
  writeFileSync(join(root, 'foreign', 'notes.txt'), 'mine');
  mkdirSync(join(root, 'nested', 'src'), { recursive: true });
  return root;
}

const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('the bench build folder (--dist)', () => {
  it("refuses the project's own folders, the root, paths outside, and foreign folders", () => {
    const root = fakeProject();
    const before = listing(root);
    const refused: [string, RegExp][] = [
      ['src', /project's own folder src\//],
      ['public', /own folder public\//],
      ['e2e', /own folder e2e\//],
      ['node_modules', /own folder node_modules\//],
      ['src/sub', /own folder src\//],
      ['./src/', /own folder src\//],
      ['docs', /own folder docs\//],
      ['.', /must name a new folder inside the project/],
      ['./', /must name a new folder inside the project/],
      ['', /must name a new folder inside the project/],
      ['..', /must name a new folder inside the project/],
      ['a/../..', /must name a new folder inside the project/],
      ['/tmp/x', /must name a new folder inside the project/],
      ['foreign', /was not made by the bench/],
      ['nested', /holds src/],
      ['package.json', /exists and is not a folder/],
    ];
    for (const [dist, why] of refused) {
      expect(distRefusal(dist, root), dist).toMatch(why);
      expect(() => claimDistFolder(dist, root)).toThrow(CliError);
    }
    expect(listing(root)).toEqual(before);
  });

  it('refuses a symbolic link that leads into the sources or out of the project', () => {
    const root = fakeProject();
    symlinkSync(join(root, 'src'), join(root, 'dist-link'));
    symlinkSync(scratchDir(), join(root, 'out-link'));
    symlinkSync(root, join(root, 'root-link'));
    expect(distRefusal('dist-link', root)).toMatch(/own folder src\//);
    expect(distRefusal('dist-link/x', root)).toMatch(/own folder src\//);
    expect(distRefusal('out-link', root)).toMatch(/leads outside the project/);
    expect(distRefusal('root-link', root)).toMatch(/must name a new folder inside the project/);
  });

  it('accepts a new folder, an empty one, and one it marked; claiming marks it', () => {
    const root = fakeProject();
    expect(distRefusal('dist-bench', root)).toBeNull();
    expect(distRefusal('builds/one', root)).toBeNull();
    mkdirSync(join(root, 'empty'));
    expect(distRefusal('empty', root)).toBeNull();
    const abs = claimDistFolder('dist-bench', root);
    expect(readFileSync(join(abs, DIST_MARKER), 'utf8')).toMatch(/bench/);
    writeFileSync(join(abs, 'index.html'), '<!doctype html>');
    expect(distRefusal('dist-bench', root)).toBeNull();
    markDistFolder('foreign', root);
    expect(distRefusal('foreign', root)).toBeNull();
  });

  it('browserPlan refuses --dist src before any work', () => {
    const check = (v: Parameters<typeof sweepConfig>[0], d: Parameters<typeof sweepConfig>[1]) =>
      sweepConfig(v, d).config;
    for (const dist of ['src', 'public', 'e2e', 'node_modules', '.']) {
      expect(() => browserPlan(['--browser', '--dist', dist], check)).toThrow(CliError);
    }
  });
});
