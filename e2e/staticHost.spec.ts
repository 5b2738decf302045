import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { META_POLICY } from '../src/shared/csp';
import { expect, offOrigin, snap, test, waitForBackend } from './fixtures';
import { type StaticServer, serveStatic } from './staticServer';

/**
 * The built app from a plain static server that sends no headers (as GitHub Pages does): the
 * CSP meta the build writes into index.html is the only policy, and it must be in force (an
 * inline script is blocked and reported) while every screen still works. The worker runs with
 * no policy here: a meta does not reach it (it takes its own response's headers).
 */

const DIST = process.env.E2E_DIST ?? 'dist';
let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic(DIST);
});
test.afterAll(async () => {
  await server?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** Before any page script: record every CSP violation the page reports. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __violations: Violation[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

async function open(page: Page, hash: string) {
  await page.goto('about:blank');
  const response = await page.goto(`${server.url}/${hash}`);
  expect(response?.status()).toBe(200);
  // Nothing but the files: no policy arrives as a header.
  expect(response?.headers()['content-security-policy']).toBeUndefined();
}

test('the built index.html carries the CSP meta first in <head>', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
  const metas = [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
  expect(metas).toHaveLength(1);
  // Vite writes the quotes as &#39; (the browser decodes them).
  const policy = metas[0][1].replaceAll('&#39;', "'");
  expect(policy).toBe(META_POLICY);
  for (const d of ["object-src 'none'", "base-uri 'self'", "form-action 'none'"]) {
    expect(policy).toContain(d);
  }
  // frame-ancestors is ignored in a meta (the browser warns): header only.
  expect(policy).not.toContain('frame-ancestors');
  // Before every script and stylesheet it governs.
  const at = head.indexOf('Content-Security-Policy');
  for (const tag of ['<script', '<link rel="stylesheet"', '<link rel="modulepreload"']) {
    const i = head.indexOf(tag);
    if (i >= 0) expect(at, `${tag} comes after the CSP meta`).toBeLessThan(i);
  }
});

test('on a host that sends no headers the policy is in force and every screen works', async ({
  page,
  log,
}, info) => {
  test.setTimeout(400_000);
  await recordViolations(page);

  // Lab: the pre-computed chart draws.
  await open(page, '#screen=lab');
  await expect(page.locator('.chart-svg .chart-point').first()).toBeVisible({ timeout: 60_000 });
  expect(await violations(page)).toEqual([]);

  // An inline script (what an injected <script> would be) is blocked and reported.
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  const blocked = await violations(page);
  expect(blocked).toHaveLength(1);
  expect(blocked[0]).toMatchObject({ directive: 'script-src-elem', blocked: 'inline' });
  // page.addScriptTag with content is an inline script too (Playwright may or may not throw).
  await page.addScriptTag({ content: 'window.__tagRan = true;' }).catch(() => null);
  expect(await page.evaluate(() => '__tagRan' in window)).toBe(false);
  await expect.poll(async () => (await violations(page)).length).toBe(2);

  // A small live run on webgpu completes.
  await open(
    page,
    '#screen=lab&variants=dense&n=64,128&d=16&heads=1&repeats=1&causal=0&input=gaussian&seed=1',
  );
  expect(await waitForBackend(page)).toBe('webgpu');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeEnabled({ timeout: 120_000 });
  await run.click();
  await expect(page.getByTestId('run-status')).toHaveText(/^Done: 2 points measured/, {
    timeout: 180_000,
  });
  await snap(page, info, 'static-lab');
  expect(await violations(page)).toEqual([]);

  // Story.
  await open(page, '#screen=story');
  await expect(page.locator('.story-position')).toHaveText(/^Step 1 of \d+$/);
  await expect(page.locator('.story-figure')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // Hardness lab: its engine-computed figures finish and draw.
  await open(page, '#screen=hardness');
  await expect(page.getByRole('heading', { name: 'Hardness lab' })).toBeVisible();
  await expect(page.getByTestId('hx-rank').getByTestId('hx-status')).toHaveText(/^Done/, {
    timeout: 120_000,
  });
  expect(await page.getByTestId('hx-rank').locator('canvas.heatmap-canvas').count()).toBe(3);
  expect(await violations(page)).toEqual([]);

  // Layer explorer: the shipped model loads and its trace draws.
  await open(page, '#screen=layers');
  await expect(page.getByTestId('layers-status')).toContainText('Done in', { timeout: 120_000 });
  expect(await page.getByTestId('head-grid').locator('canvas').count()).toBeGreaterThan(1);
  await snap(page, info, 'static-layers');
  expect(await violations(page)).toEqual([]);

  // Status page.
  await open(page, '#screen=status');
  await expect(page.getByTestId('adapter-architecture')).toHaveText('swiftshader', {
    timeout: 60_000,
  });
  expect(await violations(page)).toEqual([]);

  expect(offOrigin(log.requests, server.url)).toEqual([]);
  // The one expected console error is the blocked inline script.
  const errors = log.errors.filter((e) => !/Content Security Policy/.test(e));
  expect(errors).toEqual([]);
  // Every .wasm, .js file came with its MIME type: nothing was refused for its type.
  expect(server.requested.some((p) => p.endsWith('.js'))).toBe(true);
});
