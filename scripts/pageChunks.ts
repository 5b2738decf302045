import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which chunks of a production build the page loads, and which of them carry tfjs. The page's
 * chunks are those reached from index.html's module script and preloads through static
 * `import … from`, `import "…"` and dynamic `import("…")`; the worker is started by URL
 * (`new URL("…", import.meta.url)`), so its chunks are not reached.
 */

/** Strings only tfjs-core's engine and flag registry contain (they survive minification). */
export const TFJS_MARKERS = ['not found in registry', 'tfjsflags'] as const;

// Minified output quotes with ", ' or ` (rolldown writes dynamic imports with backticks).
const Q = '["\'`]';
const IMPORTS = [
  new RegExp(`\\bfrom\\s*${Q}\\./([^"'\`]+\\.js)${Q}`, 'g'),
  new RegExp(`\\bimport\\s*${Q}\\./([^"'\`]+\\.js)${Q}`, 'g'),
  new RegExp(`\\bimport\\(\\s*${Q}\\./([^"'\`]+\\.js)${Q}\\s*\\)`, 'g'),
];

function htmlEntries(html: string): string[] {
  const refs = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

/** The page's chunks (file names in `assets/`), from the built `index.html` in `dist`. */
export function pageChunks(dist: string): string[] {
  const assets = join(dist, 'assets');
  const seen = new Set<string>();
  const queue = htmlEntries(readFileSync(join(dist, 'index.html'), 'utf8'));
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const code = readFileSync(join(assets, name), 'utf8');
    for (const re of IMPORTS) for (const m of code.matchAll(re)) queue.push(m[1]);
  }
  return [...seen].sort();
}

export const carriesTfjs = (code: string): boolean => TFJS_MARKERS.some((m) => code.includes(m));
