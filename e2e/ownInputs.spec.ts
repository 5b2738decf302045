import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { BAD_NPZ_FILES } from '../src/testing/badNpzFiles';
import { downloadJson, expect, offOrigin, snap, test } from './fixtures';

/**
 * The lab on the user's own Q, K, V: a numpy .npz read on the page (never uploaded), swept over
 * prefixes of its rows, its name and SHA-256 in the results; bad files refused with their own
 * message and nothing else in the lab changed. SwiftShader: the fixture is small (n = 64).
 */

const NPY = new URL('./data/npy/', import.meta.url);
const pathOf = (file: string) => new URL(file, NPY).pathname;
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(pathOf(file)))
    .digest('hex');

const HASH =
  '#screen=lab&variants=dense,linear&n=64,128&d=32&heads=1&repeats=1&causal=0&input=gaussian&seed=1';

const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const status = (page: Page) => page.getByTestId('run-status');
const fileInput = (page: Page) => page.getByLabel('Load Q, K, V (.npz)…');
const measuredRows = (page: Page) =>
  page.getByRole('table', { name: 'Results' }).locator('tbody tr:not(.refused)');

async function openLab(page: Page) {
  const response = await page.goto(`./${HASH}`);
  expect(response?.ok()).toBe(true);
  await expect(runButton(page)).toBeEnabled({ timeout: 120_000 });
}

/** Every control's state and the results table's text: what a bad file must leave alone. */
async function labState(page: Page) {
  const controls = await page.locator('.lab-controls').evaluate((root) =>
    [...root.querySelectorAll('input, select')].map((el) => {
      const e = el as HTMLInputElement;
      return `${e.type}:${e.getAttribute('data-variant') ?? e.closest('label')?.textContent?.trim() ?? ''}=${
        e.type === 'checkbox' ? e.checked : e.type === 'file' ? '' : e.value
      }`;
    }),
  );
  const table = page.getByRole('table', { name: 'Results' });
  const tableText = (await table.count()) > 0 ? await table.textContent() : '(no table)';
  return { controls, tableText, hash: new URL(page.url()).hash };
}

test('a Run on Q, K, V from a numpy .npz: prefixes per n, dense ≈ float64, provenance', async ({
  page,
  log,
}, info) => {
  test.setTimeout(300_000);
  await openLab(page);
  const sha = sha256('qkv.npz');

  await fileInput(page).setInputFiles(pathOf('qkv.npz'));
  await expect(page.getByTestId('own-input')).toContainText(
    'your file: qkv.npz (2 × 64 × 16, float32)',
  );
  await expect(page.getByTestId('own-input-sha')).toHaveText(`SHA-256 ${sha.slice(0, 12)}…`);
  // d and heads are the file's (fixed); n runs over the powers of two up to the file's n.
  await expect(page.getByLabel('d (head width)')).toHaveValue('16');
  await expect(page.getByLabel('d (head width)')).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('heads')).toHaveValue('2');
  await expect(page.getByLabel('smallest n')).toHaveValue('16');
  await expect(page.getByLabel('largest n')).toHaveValue('64');
  await expect(page.getByLabel('largest n').locator('option')).toHaveText(['16', '32', '64']);

  await runButton(page).click();
  await expect(status(page)).toHaveText(/^(Done|Cancelled|Failed)/, { timeout: 240_000 });
  await expect(status(page)).toHaveText(/^Done: 6 points/, { timeout: 1 });
  // The error chart says what dense was measured against on these inputs.
  await expect(
    page.getByText('On your inputs dense is measured against the float64 reference too'),
  ).toBeVisible();
  await expect(page.getByTestId('results-input')).toContainText(
    `your file qkv.npz, shape (2, 64, 16), float32, SHA-256 ${sha.slice(0, 12)}…`,
  );
  await snap(page, info, 'own-inputs-done');

  // Dense against the float64 reference on the same prefix: tiny, and not 0 (not itself).
  const cells = await measuredRows(page).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')),
  );
  const dense = cells.filter(([v]) => v === 'dense');
  expect(dense.map(([, n]) => n)).toEqual(['16', '32', '64']);
  for (const row of dense) {
    const rel = Number(row[8]);
    expect(rel, row.join(' | ')).toBeGreaterThan(0);
    expect(rel, row.join(' | ')).toBeLessThanOrEqual(1e-5);
  }
  expect(cells.filter(([v]) => v === 'linear').map(([, n]) => n)).toEqual(['16', '32', '64']);

  // Download JSON names the file and its SHA-256; the numbers themselves stay out of it.
  const { data } = await downloadJson(
    page,
    page.getByRole('button', { name: 'Download JSON', exact: true }),
  );
  const inputFile = { name: 'qkv.npz', shape: [2, 64, 16], dtype: 'float32', sha256: sha };
  expect(data.provenance.inputFile).toEqual(inputFile);
  expect(data.config.inputFile).toEqual(inputFile);
  expect(data.config).toMatchObject({ ns: [16, 32, 64], d: 16, heads: 2 });
  expect(data.provenance.dv).toBe(16);
  for (const row of data.rows.filter((r: { variant: string }) => r.variant === 'dense')) {
    expect(row.errorReference).toBe('float64');
    expect(row.relError).toBeLessThanOrEqual(1e-5);
  }
  expect(JSON.stringify(data).length).toBeLessThan(20_000);

  // The results file opened on a fresh page (no file loaded there) still names the input.
  const other = await page.context().newPage();
  await openLab(other);
  await other.getByTestId('open-results').setInputFiles({
    name: 'own.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(data)),
  });
  await expect(other.getByTestId('file-notice')).toBeVisible();
  await expect(other.getByTestId('results-input')).toContainText(
    `your file qkv.npz, shape (2, 64, 16), float32, SHA-256 ${sha.slice(0, 12)}…`,
  );
  await expect(other.getByTestId('results-input')).toHaveAttribute('title', `SHA-256 ${sha}`);
  await other.close();

  // The link cannot carry the file: its input stays the synthetic one.
  expect(new URL(page.url()).hash).toContain('input=gaussian');

  // Back to synthetic inputs: the sizes from before the file.
  await page.getByRole('button', { name: 'use synthetic inputs' }).click();
  await expect(page.getByTestId('own-input')).toHaveCount(0);
  await expect(page.getByLabel('d (head width)')).toHaveValue('32');
  await expect(page.getByLabel('heads')).toHaveValue('1');
  await expect(page.getByLabel('smallest n')).toHaveValue('64');
  await expect(page.getByLabel('largest n')).toHaveValue('128');

  expect(log.errors).toEqual([]);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
});

test('q.npy, k.npy and v.npy picked together: the same run, the three files named in the results and its link', async ({
  page,
  browser,
  log,
}) => {
  test.setTimeout(300_000);
  await openLab(page);
  const sha = createHash('sha256');
  for (const f of ['q.npy', 'k.npy', 'v.npy']) sha.update(readFileSync(pathOf(f)));
  const digest = sha.digest('hex');

  await fileInput(page).setInputFiles(['v.npy', 'k.npy', 'q.npy'].map(pathOf));
  await expect(page.getByTestId('own-input')).toContainText(
    'your file: q.npy + k.npy + v.npy (2 × 64 × 16, float32)',
  );
  await expect(page.getByTestId('own-input-sha')).toHaveText(`SHA-256 ${digest.slice(0, 12)}…`);
  await expect(page.getByLabel('largest n')).toHaveValue('64');

  await runButton(page).click();
  await expect(status(page)).toHaveText(/^(Done|Cancelled|Failed)/, { timeout: 240_000 });
  await expect(status(page)).toHaveText(/^Done: 6 points/, { timeout: 1 });
  await expect(page.getByTestId('results-input')).toContainText(
    `your file q.npy + k.npy + v.npy, shape (2, 64, 16), float32, SHA-256 ${digest.slice(0, 12)}…`,
  );
  const dense = await measuredRows(page)
    .filter({ has: page.locator('td', { hasText: /^dense$/ }) })
    .evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[8]?.textContent)));
  expect(dense).toHaveLength(3);
  for (const rel of dense) {
    expect(rel).toBeGreaterThan(0);
    expect(rel).toBeLessThanOrEqual(1e-5);
  }

  // A link with these results, opened in a fresh context, names the files it was measured on.
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  // The settings link cannot carry the file, and the dialog says so.
  await expect(dialog.getByTestId('share-own-file')).toContainText(
    'Your file q.npy + k.npy + v.npy stays on this page',
  );
  const link = await dialog.getByTestId('share-results-link').inputValue();
  await page.keyboard.press('Escape');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('shared-run-notice')).toBeVisible();
  await expect(other.getByTestId('results-input')).toContainText(
    `your file q.npy + k.npy + v.npy, shape (2, 64, 16), float32, SHA-256 ${digest.slice(0, 12)}…`,
  );
  await fresh.close();
  expect(log.errors).toEqual([]);
});

test("a head's attention maps: softmax, a variant run with V = I, their difference", async ({
  page,
  log,
}, info) => {
  test.setTimeout(180_000);
  await openLab(page);
  await fileInput(page).setInputFiles(pathOf('qkv.npz'));
  const panel = page.getByTestId('own-maps');
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('rows n').locator('option')).toHaveText(['16', '32', '64']);

  // Dense applies softmax's weights: the maps agree to float32 rounding.
  await panel.getByLabel('variant').selectOption('dense');
  await panel.getByLabel('head').selectOption('2');
  await panel.getByRole('button', { name: 'Draw maps' }).click();
  const error = panel.getByTestId('own-maps-error');
  await expect(error).toContainText('Head 2, n = 64', { timeout: 120_000 });
  const denseError = Number(await error.locator('strong').textContent());
  expect(denseError).toBeGreaterThan(0);
  expect(denseError).toBeLessThanOrEqual(1e-5);
  await expect(panel.locator('canvas')).toHaveCount(3);

  // Linear attention (elu + 1) applies other weights: a visible error.
  await panel.getByLabel('variant').selectOption('linear');
  await panel.getByRole('button', { name: 'Draw maps' }).click();
  await expect(error).toContainText('Linear (elu+1)’s weights', { timeout: 120_000 });
  expect(Number(await error.locator('strong').textContent())).toBeGreaterThan(0.01);
  await panel.scrollIntoViewIfNeeded();
  await snap(page, info, 'own-maps-linear');
  // README's picture of the workflow, when asked for (README_SHOTS_DIR).
  const dir = process.env.README_SHOTS_DIR;
  if (dir) await panel.screenshot({ path: `${dir}/own-inputs-maps.png` });
  expect(log.errors).toEqual([]);
});

test('bad files show their own message and change nothing else', async ({ page, log }) => {
  await openLab(page);
  await expect(page.getByRole('table', { name: 'Results' })).toBeVisible();
  const before = await labState(page);
  for (const [file, name, why] of BAD_NPZ_FILES) {
    await fileInput(page).setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: readFileSync(pathOf(file)),
    });
    await expect(page.getByTestId('own-input-notice'), file).toHaveText(why);
    await expect(page.getByTestId('own-input')).toHaveCount(0);
    expect(await labState(page), file).toEqual(before);
  }
  expect(log.errors).toEqual([]);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
});
