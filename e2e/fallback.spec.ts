import { expect, snap, test, waitForBackend } from './fixtures';

test('?backend=wasm skips WebGPU with a notice and runs wasm', async ({ page, log }, info) => {
  await page.goto('./?backend=wasm#screen=status');
  expect(await waitForBackend(page)).toBe('wasm');
  const notice = page.getByTestId('fallback-notice');
  await expect(notice).toContainText('WebGPU skipped');
  await expect(notice).toContainText('running on wasm');
  // No WebGPU adapter rows on wasm; the limits are still shown.
  await expect(page.getByTestId('adapter-architecture')).toHaveCount(0);
  await expect(page.getByTestId('limit-buffer')).toHaveText(/MiB$/);
  await snap(page, info, 'status-wasm');
  expect(log.errors).toEqual([]);
});

test('#backend=webgl in the hash starts at webgl', async ({ page, log }) => {
  await page.goto('./#backend=webgl&screen=status');
  expect(await waitForBackend(page)).toBe('webgl');
  await expect(page.getByTestId('fallback-notice')).toContainText('running on webgl');
  expect(log.errors).toEqual([]);
});

test('?backend=bogus is ignored with a notice; the default order runs', async ({ page, log }) => {
  await page.goto('./?backend=bogus#screen=status');
  await expect(page.getByRole('note').filter({ hasText: 'Ignored backend "bogus"' })).toBeVisible();
  expect(await waitForBackend(page)).toBe('webgpu');
  await expect(page.getByTestId('fallback-notice')).toHaveCount(0);
  expect(log.errors).toEqual([]);
});
