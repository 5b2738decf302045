import { expect, offOrigin, snap, test, waitForBackend } from './fixtures';

test('status page shows WebGPU on SwiftShader with its limits, same-origin only', async ({
  page,
  log,
}, info) => {
  const response = await page.goto('./#screen=status');
  // The preview server sends the CSP a static host should send; no console error below means
  // nothing (tfjs, the worker, wasm, styles) violated it.
  expect(response?.headers()['content-security-policy']).toContain(
    "script-src 'self' 'wasm-unsafe-eval'",
  );
  // The shell renders before tfjs loads in the worker.
  await expect(page.getByRole('heading', { level: 1, name: 'Attention Explorer' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check variants' })).toBeVisible();

  expect(await waitForBackend(page)).toBe('webgpu');
  await expect(page.getByTestId('adapter-architecture')).toHaveText('swiftshader');
  await expect(page.getByTestId('adapter-fallback')).toHaveText('yes');
  await expect(page.getByTestId('limit-storage')).toHaveText(/^\d[\d,.]* MiB$/);
  await expect(page.getByTestId('limit-buffer')).toHaveText(/^\d[\d,.]* MiB$/);
  await expect(page.getByTestId('timestamp-query')).toHaveText(/^(yes|no)$/);
  await expect(page.getByTestId('tfjs-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('fallback-notice')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check variants' })).toBeEnabled();

  // Every registered variant is listed with its complexity.
  const variants = page.getByRole('region', { name: /Variants/ }).getByRole('listitem');
  await expect(variants.filter({ hasText: 'Dense (exact)' })).toContainText('O(n²d)');

  await snap(page, info, 'status-webgpu');
  expect(log.errors).toEqual([]);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
  expect(log.requests.some((u) => u.includes('engine.worker'))).toBe(true);
});

test('the page script carries no tfjs (it loads only in the worker)', async ({ page, request }) => {
  await page.goto('./#screen=status');
  const src = await page.locator('script[type="module"]').first().getAttribute('src');
  expect(src).toBeTruthy();
  const body = await (await request.get(new URL(src ?? '', page.url()).href)).text();
  expect(body).not.toMatch(/tfjs-core|version_core|WebGPUBackend/);
  expect(body.length).toBeLessThan(400_000);
});
