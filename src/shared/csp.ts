/**
 * The app's Content Security Policy, one source for both places it is delivered: the
 * `<meta http-equiv>` that the build writes into index.html (so a static host that sends no
 * headers still enforces it) and the response header under `vite preview` (what a host that can
 * send headers should send). Checked to work on all four tfjs backends.
 */

/** Directives a `<meta>` can carry. */
export const META_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // wasm backend: WebAssembly.compile needs 'wasm-unsafe-eval' (not 'unsafe-eval').
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  // React and d3 set styles through the CSSOM (element.style), which style-src does not govern;
  // style attributes in parsed markup and <style> elements stay forbidden.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/**
 * Header-only: a meta cannot carry frame-ancestors. Embeds are iframes in articles on other
 * sites, and the page holds no session or privileged action to hijack by framing, so any https
 * page (and the app's own origin) may frame it; plain-http pages may not.
 */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ["frame-ancestors 'self' https:"];

export const META_POLICY = META_DIRECTIVES.join('; ');
export const HEADER_POLICY = [...META_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES].join('; ');

/** The meta's attributes; the build puts it first in <head>, before anything it must govern. */
export const CSP_META_ATTRS = { 'http-equiv': 'Content-Security-Policy', content: META_POLICY };
