import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Static build into dist/, relative base so it works from any sub-path. tfjs lives only in the
 * engine worker's chunk (an ES module worker). Legal comments are dropped: tfjs's ~1,500
 * license headers would otherwise add ~1 MB to that chunk.
 */

export const CSP = [
  "default-src 'self'",
  // wasm backend: WebAssembly.compile needs 'wasm-unsafe-eval' (not 'unsafe-eval').
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
].join('; ');

const securityHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const noLegalComments = { comments: { legal: false } } as const;

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    // The worker chunk (tfjs, four backends) is large by nature.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { output: noLegalComments },
  },
  worker: {
    format: 'es',
    rolldownOptions: { output: noLegalComments },
  },
  // Vite's dev server injects inline scripts (React refresh) and <style> elements, which this
  // CSP forbids; the policy applies to `vite preview` (the built app), as a static host would.
  server: { headers: { 'X-Content-Type-Options': 'nosniff' } },
  preview: { headers: securityHeaders },
});
