import type { Page } from '@playwright/test';
import { DENSE_BODY } from '../src/core/userKernel/template';
import { downloadJson, expect, offOrigin, snap, test } from './fixtures';

/**
 * The researcher's own kernel in the lab: the body typed into the editor, compiled on the
 * page's device (errors at their line), checked against float64, then swept under its own name
 * beside the built-in variants; its source in the downloaded JSON and in a link that shows it
 * to the reader, who runs it only by pressing Run. SwiftShader: small n.
 */

const HASH =
  '#screen=lab&variants=dense,linear&n=64,128,256,512&d=32&heads=1&repeats=1&causal=0&input=gaussian&seed=1';

const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const status = (page: Page) => page.getByTestId('run-status');
const rowsOf = (page: Page, variant: string) =>
  page
    .getByRole('table', { name: 'Results' })
    .locator('tbody tr:not(.refused)')
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${variant}$`) }) });

async function openLab(page: Page, hash = HASH) {
  const response = await page.goto(`./${hash}`);
  expect(response?.ok()).toBe(true);
  await expect(runButton(page)).toBeEnabled({ timeout: 120_000 });
}

async function openEditor(page: Page) {
  const panel = page.getByTestId('own-kernel');
  await panel.getByText('Your own kernel (WGSL)').click();
  const editor = panel.getByLabel('kernel body (WGSL)');
  await expect(editor).toBeVisible();
  return { panel, editor };
}

test('your own kernel: the dense starting point compiles and is exact; a syntax error shows at its line', async ({
  page,
  log,
}, info) => {
  test.setTimeout(180_000);
  await openLab(page);
  const panel = page.getByTestId('own-kernel');
  await panel.getByText('Your own kernel (WGSL)').click();
  const editor = panel.getByLabel('kernel body (WGSL)');
  await expect(editor).toHaveValue(/var acc: array<f32, MAX_DV>;/);
  await panel.getByLabel('check at n').selectOption('128');
  await panel.getByRole('button', { name: 'Compile and check' }).click();
  const result = panel.getByTestId('own-kernel-result');
  await expect(result).toContainText('Compiled and ran at n = 128', { timeout: 120_000 });
  await expect(result).toHaveAttribute('data-exact', 'true');
  expect(Number(await result.getAttribute('data-error'))).toBeLessThanOrEqual(1e-4);
  const dir = process.env.README_SHOTS_DIR;
  if (dir) await panel.screenshot({ path: `${dir}/own-kernel.png` });

  // Line 3 broken: the error names line 3, and nothing runs.
  const lines = (await editor.inputValue()).split('\n');
  lines[2] = '  var acc: array<f32, MAX_DV> = ;';
  await editor.fill(lines.join('\n'));
  await panel.getByRole('button', { name: 'Compile and check' }).click();
  const errors = panel.getByTestId('own-kernel-errors');
  await expect(errors).toContainText('line 3, column', { timeout: 60_000 });
  await expect(result).toHaveCount(0);
  await snap(page, info, 'own-kernel-error');
  if (dir) await panel.screenshot({ path: `${dir}/own-kernel-error.png` });
  expect(log.errors).toEqual([]);
});

test('the dense template typed in becomes a variant: swept beside dense, exact, in the charts, the JSON and a link', async ({
  page,
  browser,
  log,
}, info) => {
  test.setTimeout(300_000);
  await openLab(page);
  const { panel, editor } = await openEditor(page);
  await editor.fill('');
  await editor.pressSequentially(DENSE_BODY.slice(0, 40));
  await editor.fill(DENSE_BODY); // the rest at once: SwiftShader's page is slow to type into
  await panel.getByLabel('check at n').selectOption('64');
  const add = panel.getByRole('button', { name: "Add to the lab's sweep" });
  await expect(add).toBeDisabled(); // nothing unchecked goes into the sweep
  await panel.getByRole('button', { name: 'Compile and check' }).click();
  await expect(panel.getByTestId('own-kernel-result')).toHaveAttribute('data-exact', 'true', {
    timeout: 120_000,
  });
  await panel.getByLabel('name').fill('dense');
  await expect(panel.getByText('"dense" is a built-in variant\'s name')).toBeVisible();
  await panel.getByLabel('name').fill('mine');
  await panel.getByLabel('its cost, as you state it').fill('O(n^2 d)');
  await add.click();
  await expect(panel.getByTestId('own-kernel-in-sweep')).toContainText(
    'In the sweep: mine, cost O(n^2 d), exact at n = 64',
  );
  await expect(page.getByTestId('run-includes-kernel')).toContainText('mine');

  await runButton(page).click();
  await expect(status(page)).toHaveText(/^(Done|Cancelled|Failed)/, { timeout: 240_000 });
  await expect(status(page)).toHaveText(/^Done: 12 points/, { timeout: 1 });
  // Against the engine's dense output at each n: the exact template stays within 1e-4.
  const errors = await rowsOf(page, 'mine').evaluateAll((trs) =>
    trs.map((tr) => Number(tr.querySelectorAll('td')[8]?.textContent)),
  );
  expect(errors).toHaveLength(4);
  for (const e of errors) expect(e).toBeLessThanOrEqual(1e-4);
  // In the time chart: in the legend, and its stated cost's dashed theory curve (black: the
  // colour of a variant the app has no formula for).
  const time = page.getByRole('figure', { name: /^Time against n/ });
  await expect(time.getByText('mine', { exact: true }).first()).toBeVisible();
  const theory = time.locator('svg g[stroke="#000000"] path[stroke-dasharray]');
  await expect(theory).toHaveCount(1);
  expect(await theory.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
  await snap(page, info, 'own-kernel-swept');
  const shots = process.env.README_SHOTS_DIR;
  if (shots) await time.screenshot({ path: `${shots}/own-kernel-swept.png` });

  const { data } = await downloadJson(page, page.getByRole('button', { name: 'Download JSON' }));
  expect(data.config.ownKernel).toEqual({ name: 'mine', cost: 'O(n^2 d)', body: DENSE_BODY });
  const mine = data.rows.filter((r: { variant: string }) => r.variant === 'mine');
  expect(mine.map((r: { n: number }) => r.n)).toEqual([64, 128, 256, 512]);
  for (const r of mine) {
    expect(r.errorReference).toBe('dense');
    expect(r.maxAbsError).toBeLessThanOrEqual(1e-4);
    expect(r.analyticFlops).toBe(r.n * r.n * 32);
  }

  // The link carries the kernel; in a fresh context it is shown, and runs only on Run.
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(link).toMatch(/[#&]kernel=[A-Za-z0-9_-]+/);
  await page.keyboard.press('Escape');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByText('This link brings a kernel of its own, "mine"')).toBeVisible();
  const otherEditor = other.getByTestId('own-kernel').getByLabel('kernel body (WGSL)');
  await expect(otherEditor).toHaveValue(DENSE_BODY);
  await expect(other.getByTestId('own-kernel-in-sweep')).toContainText(
    'from the link, not yet run on this device',
  );
  await expect(rowsOf(other, 'mine')).toHaveCount(0); // nothing ran it
  await expect(runButton(other)).toBeEnabled({ timeout: 120_000 });
  await runButton(other).click();
  await expect(status(other)).toHaveText(/^Done: 12 points/, { timeout: 240_000 });
  await expect(rowsOf(other, 'mine')).toHaveCount(4);

  // The same link as an embedded chart (a page of its own, as in an iframe): the kernel is
  // named in Run live's plan, its source is there to read, and Run live sweeps it.
  const embed = await fresh.newPage();
  await embed.goto(link.replace('#', '#embed=time&'));
  await expect(embed.getByText('This link brings a kernel of its own, "mine"')).toBeVisible();
  await expect(embed.getByTestId('embed-plan')).toContainText('your kernel “mine”');
  const source = embed.getByTestId('embed-kernel');
  await source.getByText('The source of “mine” (stated cost O(n^2 d))').click();
  await expect(source.locator('pre')).toHaveText(DENSE_BODY);
  await embed.getByRole('button', { name: 'Run live' }).click();
  await expect(embed.getByTestId('embed-status')).toHaveText(/^Done: \d+ points/, {
    timeout: 240_000,
  });
  const embedded = embed.getByRole('figure', { name: /^Time against n/ });
  await expect(embedded.getByText('mine', { exact: true }).first()).toBeVisible();
  await embed.screenshot({ path: info.outputPath('own-kernel-embed.png'), fullPage: true });
  await fresh.close();
  expect(log.errors).toEqual([]);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
});
