import type { Page } from '@playwright/test';

/**
 * Open `body` as a blog-like host page for an embed. It is served (by route, no server) from the
 * app's origin: the app's CSP lets only itself and https pages frame it, and about:blank is
 * neither.
 */
export async function openHostPage(page: Page, body: string): Promise<void> {
  const html = `<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:20px">${body}</body></html>`;
  await page.route('**/embed-host.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: html }),
  );
  await page.goto('./embed-host.html');
  await page.unroute('**/embed-host.html');
}
