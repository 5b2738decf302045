import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * README's and docs/architecture.md's layout tables describe the tree as it is: every folder
 * of `src/` has a row in each, and every path a row names exists.
 */

const srcFolders = readdirSync('src').filter((f) => statSync(`src/${f}`).isDirectory());

/** The `src/…` paths named in the first column of a markdown table. */
function namedPaths(file: string): string[] {
  const paths: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1] ?? '';
    for (const m of first.matchAll(/`(src\/[^`]*)`/g)) paths.push(m[1]);
  }
  return paths;
}

describe.each(['README.md', 'docs/architecture.md'])('the layout table of %s', (file) => {
  const paths = namedPaths(file);

  it('has a row for every folder of src/', () => {
    const named = new Set(paths.map((p) => p.split('/')[1]));
    expect(srcFolders.filter((f) => !named.has(f))).toEqual([]);
  });

  it('names only paths that exist', () => {
    const missing = paths.map((p) => p.replace(/<[^>]+>\/?$/, '')).filter((p) => !existsSync(p));
    expect(missing).toEqual([]);
  });
});
