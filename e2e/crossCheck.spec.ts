import type { Page } from '@playwright/test';
import { VARIANT_SPECS } from '../src/core/variantSpecs';
import { expect, snap, test, waitForBackend } from './fixtures';

/** Rows the Cross-check table must have: one per variant, plus a causal one where supported. */
const EXPECTED_ROWS = VARIANT_SPECS.flatMap((s) =>
  s.supportsCausal ? [`${s.id}:false`, `${s.id}:true`] : [`${s.id}:false`],
);

async function runCheck(page: Page) {
  await page.getByRole('button', { name: 'Check variants' }).click();
  const table = page.getByRole('table', { name: 'Cross-check' });
  await expect(table).toBeVisible({ timeout: 180_000 });
  return table;
}

/** Variants this backend cannot run (WGSL kernels off webgpu): their rows are skipped. */
const unavailableOn = (backend: string) =>
  new Set(
    VARIANT_SPECS.filter((s) => s.backends && !s.backends.includes(backend)).map((s) => s.id),
  );

async function expectAllPass(page: Page, backend: string) {
  const unavailable = unavailableOn(backend);
  const table = await runCheck(page);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(EXPECTED_ROWS.length);
  const keys = await rows.evaluateAll((trs) =>
    trs.map((tr) => `${tr.getAttribute('data-variant')}:${tr.getAttribute('data-causal')}`),
  );
  expect(keys).toEqual(EXPECTED_ROWS);
  for (const row of await rows.all()) {
    const name = await row.getAttribute('data-variant');
    if (name && unavailable.has(name)) {
      await expect(row.getByRole('cell').last(), `${name}`).toHaveText('skip');
      await expect(row, `${name}`).toContainText(`runs only on webgpu; this run uses ${backend}`);
      continue;
    }
    await expect(row.getByRole('cell').last(), `${name}`).toHaveText('pass');
    // A finite number: 0 or d.de±x (NaN, ∞ and — would fail).
    await expect(row.getByTestId('max-diff')).toHaveText(/^(0|\d\.\de[-+]\d+)$/);
  }
  const checked = EXPECTED_ROWS.filter((k) => !unavailable.has(k.split(':')[0])).length;
  await expect(page.getByTestId('check-summary')).toContainText(
    `${checked}/${checked} passed on ${backend} vs cpu`,
  );
  const tensors = (await page.getByTestId('tensor-count').textContent()) ?? '';
  const m = tensors.match(/Tensors before\/after: (\d+)\/(\d+)/);
  expect(m, tensors).not.toBeNull();
  expect(Number(m?.[1])).toBe(Number(m?.[2]));
  await expect(page.getByTestId('tensor-count')).toContainText('(no leak)');
}

test('every variant on webgpu agrees with cpu and leaks no tensor', async ({ page, log }, info) => {
  test.setTimeout(300_000);
  await page.goto('./#screen=status');
  expect(await waitForBackend(page)).toBe('webgpu');

  // A check shows its progress and can be cancelled; the engine stays usable on webgpu.
  await page.getByRole('button', { name: 'Check variants' }).click();
  await expect(page.getByRole('progressbar', { name: 'Cross-check progress' })).toBeVisible();
  await snap(page, info, 'cross-check-running');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Check cancelled.')).toBeVisible({ timeout: 60_000 });

  await expectAllPass(page, 'webgpu');
  await snap(page, info, 'cross-check-webgpu');
  expect(log.errors).toEqual([]);
});

test('every variant on wasm agrees with cpu (wasm binaries load under the CSP)', async ({
  page,
  log,
}) => {
  await page.goto('./?backend=wasm#screen=status');
  expect(await waitForBackend(page)).toBe('wasm');
  await expectAllPass(page, 'wasm');
  expect(log.errors).toEqual([]);
});
