import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriesTfjs, pageChunks } from './pageChunks';

/**
 * "The page never loads tfjs", checked on a real production build: no chunk the page reaches
 * carries tfjs-core, while the worker's chunks do (so the markers are not vacuous).
 */

const ROOT = resolve(import.meta.dirname, '..');
let dist = '';

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'page-chunks-'));
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}`);
}, 180_000);

afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the production build', () => {
  it('loads no tfjs in any chunk the page reaches', () => {
    const page = pageChunks(dist);
    expect(page.some((c) => c.startsWith('index-'))).toBe(true);
    const withTfjs = page.filter((c) => carriesTfjs(readFileSync(join(dist, 'assets', c), 'utf8')));
    expect(withTfjs).toEqual([]);
  });

  it('keeps tfjs in the worker: some chunk outside the page carries it', () => {
    const page = new Set(pageChunks(dist));
    const others = readdirSync(join(dist, 'assets')).filter(
      (c) => c.endsWith('.js') && !page.has(c),
    );
    const workerTfjs = others.filter((c) =>
      carriesTfjs(readFileSync(join(dist, 'assets', c), 'utf8')),
    );
    expect(workerTfjs.length).toBeGreaterThan(0);
  });
});

describe('the app carries no ONNX Runtime (the bench page alone loads it)', () => {
  it('no file of the build names onnxruntime or holds its WebAssembly', () => {
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
    // The marker is real: ORT's own module carries it, so a bundled copy would be caught.
    const ort = readFileSync(
      join(ROOT, 'node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs'),
      'utf8',
    );
    expect(ort).toMatch(/InferenceSession/);
    expect(files.filter((f) => /ort-wasm|onnx/i.test(f))).toEqual([]);
    const naming = files.filter(
      (f) =>
        /\.(js|html)$/.test(f) &&
        /onnxruntime|InferenceSession/.test(readFileSync(join(dist, f), 'utf8')),
    );
    expect(naming).toEqual([]);
  });
});

describe('pageChunks', () => {
  it('follows static and dynamic imports (any quote) and not the worker URL', () => {
    const d = mkdtempSync(join(tmpdir(), 'page-chunks-fake-'));
    mkdirSync(join(d, 'assets'));
    const files: Record<string, string> = {
      'index-a.js':
        'import{x}from"./b.js";const w=new URL("./engine.worker-c.js",import.meta.url);',
      'b.js': 'const l=()=>import(`./lazy-d.js`);',
      'lazy-d.js': 'const e="Backend name not found in registry";',
      'engine.worker-c.js': 'const f="tfjsflags";',
    };
    for (const [name, code] of Object.entries(files)) writeFileSync(join(d, 'assets', name), code);
    writeFileSync(
      join(d, 'index.html'),
      '<script type="module" src="./assets/index-a.js"></script>',
    );
    try {
      const page = pageChunks(d);
      expect(page).toEqual(['b.js', 'index-a.js', 'lazy-d.js']);
      expect(page.filter((c) => carriesTfjs(files[c]))).toEqual(['lazy-d.js']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
