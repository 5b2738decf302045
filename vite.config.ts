import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CSP_META_ATTRS, HEADER_POLICY } from './src/shared/csp';

/**
 * Static build into dist/, relative base so it works from any sub-path. tfjs lives only in the
 * engine worker's chunk (an ES module worker). Legal comments are dropped: tfjs's ~1,500
 * license headers would otherwise add ~1 MB to that chunk.
 */

/**
 * The CSP as a <meta> in the built index.html (static hosts send no header). Build only: the dev
 * server injects inline scripts (React refresh) that the policy forbids.
 */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: CSP_META_ATTRS, injectTo: 'head-prepend' }],
    },
  };
}

const securityHeaders = {
  'Content-Security-Policy': HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const noLegalComments = { comments: { legal: false } } as const;

export default defineConfig({
  base: './',
  plugins: [react(), cspMeta()],
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
