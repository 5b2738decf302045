import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors';

/**
 * Which folder `bench --browser` may build into. `vite build` empties its outDir when that lies
 * inside the project root (vite's resolveEmptyOutDir), so a careless `--dist src` would delete
 * the sources. The bench builds only into a new folder or one it made before (it leaves
 * DIST_MARKER inside), never into the project's own folders, never into an existing folder it
 * did not make. Nothing here deletes anything.
 */

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the bench builds by default: its own folder, not `npm run build`'s dist/. */
export const DEFAULT_DIST = 'dist-bench';

/** The file a bench-made build folder carries; its presence is the bench's claim to empty it. */
export const DIST_MARKER = '.attention-explorer-bench-dist';

/** Folders of the repository itself (sources, dependencies, tests, docs, results). */
const PROJECT_FOLDERS = new Set([
  'src',
  'public',
  'e2e',
  'node_modules',
  'docs',
  'scripts',
  '.git',
  '.github',
  '.vite',
  'bench-results',
  'test-results',
  'playwright-report',
]);

/** Entries that say a folder holds a project or its sources, whatever it is called. */
const PROJECT_SIGNS = ['package.json', '.git', 'src', 'node_modules'];

const isMarked = (abs: string) => existsSync(join(abs, DIST_MARKER));

function firstPart(root: string, abs: string): string {
  return relative(root, abs).split(sep)[0];
}

/** The deepest existing path at or above `abs` (the real path, symbolic links followed). */
function deepestExisting(abs: string): string {
  let p = abs;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return realpathSync(p);
}

const inside = (root: string, p: string) => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Why `dist` cannot be the bench's build folder, or null when it can: a new folder, or an
 * existing one carrying DIST_MARKER (or empty), inside `root` and outside its own folders.
 */
export function distRefusal(dist: string, root: string = PROJECT_ROOT): string | null {
  const inProject = `--dist must name a new folder inside the project (or one the bench made), got "${dist}"`;
  if (dist.trim() === '' || isAbsolute(dist) || dist.split(/[\\/]/).includes('..')) {
    return inProject;
  }
  const abs = resolve(root, dist);
  if (abs === root || !inside(root, abs)) return inProject;
  const realRoot = realpathSync(root);
  const real = deepestExisting(abs);
  if (!inside(realRoot, real)) return `${inProject}: it leads outside the project`;
  for (const part of [firstPart(root, abs), firstPart(realRoot, real)]) {
    if (PROJECT_FOLDERS.has(part)) {
      return `--dist "${dist}" is in the project's own folder ${part}/; a build there would replace its files`;
    }
  }
  if (!existsSync(abs)) return null;
  if (real === realRoot) return inProject; // a link to the project root
  if (lstatSync(abs).isSymbolicLink() || !statSync(abs).isDirectory()) {
    return `--dist "${dist}" exists and is not a folder`;
  }
  const entries = readdirSync(abs);
  const sign = PROJECT_SIGNS.find((s) => entries.includes(s));
  if (sign) return `--dist "${dist}" holds ${sign}: it is not a build folder`;
  if (entries.length > 0 && !isMarked(abs)) {
    return `--dist "${dist}" exists and was not made by the bench (no ${DIST_MARKER} in it): name a new folder, or remove it yourself`;
  }
  return null;
}

/** A CliError unless `dist` can be the bench's build folder (see distRefusal). */
export function checkDistFolder(dist: string, root: string = PROJECT_ROOT): void {
  const why = distRefusal(dist, root);
  if (why) throw new CliError(why);
}

/**
 * Check `dist` again right before a build (nothing may have changed it in between) and mark it
 * as the bench's, creating it when new. Call `markDistFolder` again after the build: vite's
 * emptying removes the marker with everything else.
 */
export function claimDistFolder(dist: string, root: string = PROJECT_ROOT): string {
  checkDistFolder(dist, root);
  return markDistFolder(dist, root);
}

export function markDistFolder(dist: string, root: string = PROJECT_ROOT): string {
  const abs = resolve(root, dist);
  mkdirSync(abs, { recursive: true });
  writeFileSync(
    join(abs, DIST_MARKER),
    'Made by `npm run bench -- --browser`: the bench may empty and rebuild this folder.\n',
  );
  return abs;
}
