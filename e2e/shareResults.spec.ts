import type { Page } from '@playwright/test';
import { downloadJson, expect, snap, test } from './fixtures';

/**
 * Links that carry results: a sweep measured in one browser context, shared with its results
 * (`r=`), opens in a fresh context with the same rows, fits, provenance and every control.
 * Without results, the pre-computed run draws only the chosen variants and names the others.
 */

const SWEEP = '#variants=dense,linear&n=64,128&d=32&heads=2&repeats=1&seed=5&causal=0';

const tableRows = (page: Page) =>
  page
    .locator('table.lab-results tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '').join(' | ')),
    );
const pointTitles = (page: Page) =>
  page.locator('.chart-svg .chart-point > title').allTextContents();
const variantBox = (page: Page, id: string) => page.locator(`input[data-variant="${id}"]`);
const frontierSelect = (page: Page) =>
  page.getByRole('combobox', { name: 'error against time at n =' });

async function expectControls(page: Page) {
  for (const id of ['dense', 'linear']) await expect(variantBox(page, id)).toBeChecked();
  for (const id of ['flash', 'performer']) await expect(variantBox(page, id)).not.toBeChecked();
  await expect(page.getByLabel('smallest n')).toHaveValue('64');
  await expect(page.getByLabel('largest n')).toHaveValue('128');
  await expect(page.getByLabel('d (head width)')).toHaveValue('32');
  await expect(page.getByLabel('heads')).toHaveValue('2');
  await expect(page.getByLabel('repeats')).toHaveValue('1');
}

test('a sweep shared with its results opens elsewhere with the same rows, fits, provenance and controls', async ({
  page,
  browser,
  log,
}, info) => {
  test.setTimeout(300_000);
  await page.goto(`./${SWEEP}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/^Done: 4 points/, { timeout: 240_000 });
  const rows = await tableRows(page);
  expect(rows).toHaveLength(4);
  const points = await pointTitles(page);
  const sent = await downloadJson(
    page,
    page.getByRole('button', { name: 'Download JSON', exact: true }),
  );

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  const link = await dialog.getByTestId('share-results-link').inputValue();
  expect(link).toMatch(/&r=[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(8000);
  await expect(dialog.getByTestId('results-link-size')).toContainText('msAll');
  // The settings link carries the frontier n shown (the largest measured), not a default.
  expect(await dialog.getByTestId('share-link').inputValue()).toContain('frontier=128');
  await snap(page, info, 'share-dialog-results');
  await page.keyboard.press('Escape');

  const fresh = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto(link);
  const notice = other.getByTestId('shared-run-notice');
  await expect(notice).toContainText(
    /Shared run: measured on google swiftshader \(software adapter\), webgpu, \d{4}-\d{2}-\d{2}/,
  );
  await expect(other.getByTestId('precomputed-notice')).toHaveCount(0);
  await expectControls(other);
  await expect(frontierSelect(other)).toHaveValue('128');
  expect(await tableRows(other)).toEqual(rows);
  expect(await pointTitles(other)).toEqual(points);
  const got = await downloadJson(
    other,
    other.getByRole('button', { name: 'Download JSON', exact: true }),
  );
  expect(got.data.provenance).toEqual(sent.data.provenance);
  expect(got.data.config).toEqual(sent.data.config);
  expect(got.data.fits.map((f: { variant: string }) => f.variant)).toEqual(
    sent.data.fits.map((f: { variant: string }) => f.variant),
  );
  for (const [i, f] of sent.data.fits.entries()) {
    for (const k of ['slope', 'intercept', 'r2'] as const) {
      if (f[k] === null) expect(got.data.fits[i][k]).toBeNull();
      else expect(Math.abs(got.data.fits[i][k] - f[k])).toBeLessThanOrEqual(Math.abs(f[k]) * 1e-3);
    }
  }
  // Rows equal as the table prints them; msAll is not carried.
  for (const [i, r] of sent.data.rows.entries()) {
    const b = got.data.rows[i];
    expect([b.variant, b.n, b.msMedian.toFixed(3), b.peakBytes]).toEqual([
      r.variant,
      r.n,
      r.msMedian.toFixed(3),
      r.peakBytes,
    ]);
    expect(b.msAll).toEqual([]);
  }
  await snap(other, info, 'shared-with-results');
  expect(errors).toEqual([]);
  await fresh.close();
  expect(log.errors).toEqual([]);
});

test('without results only the chosen variants are drawn, the missing named; frontier n kept', async ({
  page,
  log,
}) => {
  // The shipped run has no BigBird and starts at n = 64.
  await page.goto('./#variants=dense,bigbird,performer,linear&n=16,2048&frontier=2048');
  await expect(page.getByTestId('precomputed-notice')).toBeVisible();
  const gaps = page.getByTestId('precomputed-gaps');
  await expect(gaps).toContainText(/no data for BigBird/i);
  await expect(gaps).toContainText(/no n = 16\b/);
  const drawn = await page
    .locator('table.lab-results tbody tr')
    .evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-variant')))]);
  expect(drawn).toEqual(['dense', 'performer', 'linear']);
  const legend = (await page.locator('.legend').first().textContent()) ?? '';
  for (const never of ['Flash', 'Window', 'Linformer', 'Nystr'])
    expect(legend).not.toContain(never);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('frontier=2048');
  expect(link).toContain('variants=dense,bigbird,performer,linear');
  await expect(page.getByTestId('results-link-none')).toBeVisible();
  expect(log.errors).toEqual([]);
});

test('corrupt results in a link: a notice and the pre-computed run, never a crash', async ({
  page,
  log,
}) => {
  // Not base64url; "hello world" deflated (not JSON); the same with a broken checksum; noise.
  for (const r of [
    '%3Cscript%3E',
    'eJzLSM3JyVcozy_KSQEAGgsEXQ',
    'eJzLSM3JyVcozy_KSQEAGgQEXQ',
    'AAAA',
  ]) {
    await page.goto(`./#variants=dense,linear&r=${r}`);
    await expect(page.locator('.notices')).toContainText('Ignored the results in the link');
    await expect(page.getByTestId('precomputed-notice')).toBeVisible();
    await expect(page.getByTestId('shared-run-notice')).toHaveCount(0);
    await page.goto('about:blank');
  }
  expect(log.errors).toEqual([]);
});
