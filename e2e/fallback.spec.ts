import { CHROMIUM_ARGS } from '../src/cli/chromiumArgs';
import { expect, snap, test, waitForBackend } from './fixtures';

/**
 * Fallback backends in plain words: one sentence says which backend runs and what that means
 * for the timings; fields that exist only on WebGPU (adapter, its limits, timestamps) are hidden.
 */

test('?backend=wasm skips WebGPU with a notice and runs wasm', async ({ page, log }, info) => {
  await page.goto('./?backend=wasm#screen=status');
  expect(await waitForBackend(page)).toBe('wasm');
  const notice = page.getByTestId('fallback-notice');
  await expect(notice).toHaveText(
    'WebGPU is skipped because the link asks for backend=wasm; running on WebAssembly on the ' +
      'CPU, so timings measure the processor, not a GPU, and are not comparable with a WebGPU run.',
  );
  // No WebGPU adapter rows, limits or timestamps on wasm; the app's own tensor bound instead.
  await expect(page.getByTestId('adapter-architecture')).toHaveCount(0);
  await expect(page.getByTestId('limit-storage')).toHaveCount(0);
  await expect(page.getByTestId('timestamp-query')).toHaveCount(0);
  await expect(page.getByTestId('limit-tensor')).toHaveText(/MiB \(what a 32-bit typed array/);
  await snap(page, info, 'status-wasm');
  expect(log.errors).toEqual([]);
});

test('#backend=webgl: the lab strip names WebGL and says what it means, no WebGPU fields', async ({
  page,
  log,
}, info) => {
  await page.goto('./#backend=webgl&screen=lab');
  expect(await waitForBackend(page)).toBe('webgl');
  const notice = page.getByTestId('fallback-notice');
  await expect(notice).toContainText('running on WebGL, so timings include WebGL');
  await expect(notice).toContainText('not comparable with a WebGPU run');
  const strip = page.locator('.lab-status');
  await expect(strip).not.toContainText('no GPU adapter');
  await expect(strip).not.toContainText('buffer binding');
  await expect(strip).not.toContainText('GPU timestamps');
  await expect(page.getByTestId('lab-adapter')).toHaveCount(0);
  await snap(page, info, 'lab-webgl-strip');
  expect(log.errors).toEqual([]);
});

test('?backend=bogus is ignored with a notice; the default order runs', async ({ page, log }) => {
  await page.goto('./?backend=bogus#screen=status');
  await expect(page.getByRole('note').filter({ hasText: 'Ignored backend "bogus"' })).toBeVisible();
  expect(await waitForBackend(page)).toBe('webgpu');
  await expect(page.getByTestId('fallback-notice')).toHaveCount(0);
  await expect(page.getByTestId('limit-storage')).toHaveText(/MiB$/);
  expect(log.errors).toEqual([]);
});

test('a browser without WebGPU falls back in one plain sentence, never "setBackend returned false"', async ({
  playwright,
  baseURL,
}, info) => {
  // The same Chromium without the flag that turns WebGPU on: it has no usable WebGPU here.
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
  });
  const page = await browser.newPage();
  await page.goto(`${baseURL}/#screen=status`);
  const backend = await waitForBackend(page);
  expect(backend).not.toBe('webgpu');
  const notice = page.getByTestId('fallback-notice');
  await expect(notice).toHaveText(
    /^WebGPU (is not available in this browser|is available but found no usable GPU|did not start in this browser); running on (WebGL|WebAssembly on the CPU), so timings .* not comparable with a WebGPU run\.$/,
  );
  await expect(page.locator('main')).not.toContainText('setBackend returned false');
  await expect(page.getByTestId('limit-storage')).toHaveCount(0);
  await snap(page, info, 'status-no-webgpu');
  await browser.close();
});
