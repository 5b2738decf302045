import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { claimDistFolder, markDistFolder, PROJECT_ROOT } from './distFolder';

/**
 * The processes behind `bench --browser`: build the app into a folder when it is stale, serve
 * that folder with `vite preview` on 127.0.0.1 (a given port or a free one), stop the server.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes
const ANSI = /\x1b\[[0-9;]*m/g;

/** Text without terminal colour codes. */
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

/** The address `vite preview` prints ("➜  Local:   http://127.0.0.1:4173/"), colours or not. */
export function parseServerUrl(output: string): string | null {
  const m = /Local:\s+(http:\/\/[^\s/]+(?::\d+)?\/\S*)/.exec(stripAnsi(output));
  return m ? m[1] : null;
}

/** True when the build must be (re)made: it has no index.html, or a source is newer than it. */
export function needsBuild(distTime: number | null, sourceTimes: readonly number[]): boolean {
  if (distTime === null) return true;
  return sourceTimes.some((t) => t > distTime);
}

export const ROOT = PROJECT_ROOT;
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Modification times of the given paths (files and folders, recursively). */
function modificationTimes(paths: readonly string[]): number[] {
  const times: number[] = [];
  const visit = (p: string) => {
    let s: ReturnType<typeof statSync>;
    try {
      s = statSync(p);
    } catch {
      return;
    }
    times.push(s.mtimeMs);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
  };
  for (const p of paths) visit(p);
  return times;
}

/** What a build reads: sources, page, static files, the config and the lockfile. */
const BUILD_INPUTS = ['src', 'index.html', 'public', 'vite.config.ts', 'package-lock.json'];

function builtTime(dist: string): number | null {
  try {
    return statSync(join(ROOT, dist, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

/** Run a child to completion; its output is kept and shown only when it fails. */
function runQuiet(args: string[], what: string): Promise<void> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (b) => {
      log += b;
    });
    child.stderr?.on('data', (b) => {
      log += b;
    });
    child.on('error', failed);
    child.on('close', (code) => {
      if (code === 0) done();
      else {
        const tail = log.trim().split('\n').slice(-3).join(' | ');
        failed(new Error(`${what} failed (exit ${code}): ${tail}`));
      }
    });
  });
}

/**
 * `vite build --outDir dist` when that folder is missing or older than a source; true if built.
 * vite empties its outDir first, so the folder is claimed (checked, marked) just before.
 */
export async function buildIfStale(dist: string, log: (line: string) => void): Promise<boolean> {
  const stale = needsBuild(
    builtTime(dist),
    modificationTimes(BUILD_INPUTS.map((p) => join(ROOT, p))),
  );
  if (!stale) {
    log(`${dist}/ is up to date (no build)`);
    return false;
  }
  log(`building the app into ${dist}/ (missing or older than its sources) …`);
  const t0 = performance.now();
  claimDistFolder(dist, ROOT);
  try {
    await runQuiet([VITE, 'build', '--outDir', dist], 'vite build');
  } finally {
    markDistFolder(dist, ROOT);
  }
  log(`built ${dist}/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.unref();
    server.on('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Preview {
  url: string;
  child: ChildProcess;
}

/** `vite preview` of `dist` on `port` (0: a free one); resolves with its URL once it prints it. */
export async function startPreview(dist: string, port = 0): Promise<Preview> {
  const listen = port === 0 ? await freePort() : port;
  const child = spawn(
    process.execPath,
    [
      VITE,
      'preview',
      '--outDir',
      dist,
      '--host',
      '127.0.0.1',
      '--port',
      String(listen),
      '--strictPort',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((done, failed) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill();
      failed(new Error(`vite preview printed no URL within 30 s: ${log.trim().slice(-200)}`));
    }, 30_000);
    const onData = (b: Buffer) => {
      log += b;
      const url = parseServerUrl(log);
      if (url) {
        clearTimeout(timer);
        done({ url, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (err) => {
      clearTimeout(timer);
      failed(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`vite preview exited (${code}): ${log.trim().slice(-200)}`));
    });
  });
}

export function stopPreview(p: Preview): Promise<void> {
  if (p.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => p.child.kill('SIGKILL'), 5000);
    p.child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    p.child.kill('SIGTERM');
  });
}
