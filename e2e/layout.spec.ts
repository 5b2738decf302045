import { expect, snap, test, waitForBackend } from './fixtures';

test.use({ viewport: { width: 375, height: 812 } });

test('375 px wide: no horizontal scroll, with the results table shown', async ({ page }, info) => {
  // wasm: the same table as webgpu, without the software GPU's shader compile time.
  await page.goto('./?backend=wasm#screen=status');
  await waitForBackend(page);
  await page.getByRole('button', { name: 'Check variants' }).click();
  await expect(page.getByRole('table', { name: 'Cross-check' })).toBeVisible({ timeout: 120_000 });
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    table: Math.max(
      ...[...document.querySelectorAll('.table-wrap')].map((e) => e.scrollWidth - e.clientWidth),
    ),
  }));
  expect(overflow.page).toBeLessThanOrEqual(0);
  expect(overflow.table).toBeLessThanOrEqual(0);
  await snap(page, info, 'narrow-375');
  // The widest part, at readable scale, for review.
  const table = page.getByRole('region', { name: 'Check variants on this backend' });
  await table.screenshot({ path: info.outputPath('narrow-375-table.png') });
});
