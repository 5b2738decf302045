import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { ORT_BUILDS } from '../peer/ortPeer';
import { claimDistFolder, markDistFolder, PROJECT_ROOT } from './distFolder';

/**
 * The peer page (src/peer/) built into its own folder, apart from the app: the app's bundle
 * never holds ONNX Runtime. The package's module files and WebAssembly binaries are copied into
 * `ort/` beside the page, which imports them by URL.
 */

const ORT_DIST = join(PROJECT_ROOT, 'node_modules', 'onnxruntime-web', 'dist');

/** The files a build's module loads: itself and its WebAssembly glue and binary. */
export function ortFiles(): string[] {
  const glue = [
    'ort-wasm-simd-threaded.jsep',
    'ort-wasm-simd-threaded.asyncify',
    'ort-wasm-simd-threaded',
  ];
  return [...Object.values(ORT_BUILDS), ...glue.flatMap((g) => [`${g}.mjs`, `${g}.wasm`])];
}

export async function buildPeerPage(dist: string, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  claimDistFolder(dist, PROJECT_ROOT);
  const outDir = resolve(PROJECT_ROOT, dist);
  try {
    await build({
      configFile: false,
      root: join(PROJECT_ROOT, 'src', 'peer'),
      base: './',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
    });
    mkdirSync(join(outDir, 'ort'), { recursive: true });
    for (const f of ortFiles()) cpSync(join(ORT_DIST, f), join(outDir, 'ort', f));
  } finally {
    markDistFolder(dist, PROJECT_ROOT);
  }
  log(`built the peer page into ${dist}/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Serve the built page on 127.0.0.1; resolves with its URL and a stop function. */
export async function servePeerPage(
  dist: string,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await preview({
    configFile: false,
    root: join(PROJECT_ROOT, 'src', 'peer'),
    base: './',
    logLevel: 'warn',
    build: { outDir: resolve(PROJECT_ROOT, dist) },
    preview: { host: '127.0.0.1', port, strictPort: port !== 0 },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('the peer page server printed no address');
  }
  return { url, close: () => server.close() };
}
