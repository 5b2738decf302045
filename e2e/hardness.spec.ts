import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, snap, test, waitForBackend } from './fixtures';

/**
 * The hardness lab in headless Chromium on webgpu (SwiftShader): every panel draws its marks
 * on open (three computed by the engine worker, two from shipped pre-computed runs), a live
 * run replaces a pre-computed one, a bad shipped file is a message, bad URL values come back as
 * notices, and the page fits a phone's width. Screenshots go to the test's output folder.
 */

const FIGURES = ['hx-bounded', 'hx-performer', 'hx-rank', 'hx-flops', 'hx-mod'];
const AUTO_RUN = ['hx-bounded', 'hx-performer', 'hx-rank'];

const figure = (page: Page, id: string) => page.getByTestId(id);
const marks = (fig: Locator) => fig.locator('svg.chart-svg circle');

/** Each panel on its own (a full page is too tall to read), attached to the report. */
async function snapPanels(page: Page, info: TestInfo, prefix: string) {
  const panels = page.locator('section.hx-panel');
  for (let i = 0; i < (await panels.count()); i++) {
    const path = info.outputPath(`${prefix}-panel${i + 1}.png`);
    await panels.nth(i).screenshot({ path });
    await info.attach(`${prefix}-panel${i + 1}`, { path, contentType: 'image/png' });
  }
}

async function openLab(page: Page, hash = '#screen=hardness') {
  const response = await page.goto(`./${hash}`);
  expect(response?.ok()).toBe(true);
  await waitForBackend(page);
}

/** Every engine-computed figure has finished its first run and every figure has marks. */
async function allDrawn(page: Page) {
  for (const id of AUTO_RUN) {
    await expect(figure(page, id).getByTestId('hx-status')).toHaveText(/^Done/, {
      timeout: 120_000,
    });
  }
  for (const id of FIGURES) {
    expect(await marks(figure(page, id)).count(), `${id} draws marks`).toBeGreaterThan(2);
  }
}

test('every panel draws on open; a live run replaces the pre-computed figure', async ({
  page,
  log,
}, info) => {
  test.setTimeout(300_000);
  await openLab(page);
  await expect(page.getByRole('heading', { name: 'Hardness lab' })).toBeVisible();
  await expect(page.getByText('arXiv 2209.04881')).toBeVisible();
  await allDrawn(page);

  // The rank panel draws the target, the best rank-m matrix and softmax as heatmaps.
  await expect(figure(page, 'hx-rank').locator('canvas.heatmap-canvas')).toHaveCount(3);
  // Bounded entries: the threshold line and a growing error across it.
  const bounded = figure(page, 'hx-bounded');
  await expect(bounded.getByText('B = √ln n')).toHaveCount(3);
  const summary = (await bounded.locator('.chart-note').first().textContent()) ?? '';
  const jumps = [...summary.matchAll(/×(\d+(?:\.\d+)?(?:e\+\d+)?)/g)].map((m) => Number(m[1]));
  expect(jumps).toHaveLength(3);
  for (const j of jumps) expect(j).toBeGreaterThan(10);
  // Mixture-of-Depths: the shipped run, labelled with where and when, no small-size excuse.
  const mod = figure(page, 'hx-mod');
  await expect(mod.getByTestId('hx-status')).toContainText(/Pre-computed on wasm, Node v\d+/);
  await expect(mod.getByTestId('hx-mod-summary')).toContainText('Fitted exponents');
  await expect(mod.getByTestId('hx-mod-small')).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  const shipped = info.outputPath('desktop-mod-precomputed.png');
  await page.locator('section.hx-panel').nth(4).screenshot({ path: shipped });
  await info.attach('desktop-mod-precomputed', { path: shipped, contentType: 'image/png' });

  const flops = figure(page, 'hx-flops');
  await expect(flops.getByTestId('hx-status')).toContainText('Pre-computed');
  const titles = () => marks(flops).locator('title').allTextContents();
  const before = await titles();
  // Small sizes: SwiftShader is a software GPU.
  await page
    .getByRole('region', { name: /FLOPs against memory traffic/ })
    .getByLabel('largest n')
    .selectOption('256');
  await flops.getByRole('button', { name: 'Run live: FLOPs and memory' }).click();
  await expect(flops.getByTestId('hx-status')).toHaveText(/^Done.*Measured live on webgpu/, {
    timeout: 180_000,
  });
  // The live run adds the fused kernel (webgpu) beside dense and flash.
  await expect(flops.getByRole('button', { name: /fused/ }).first()).toBeVisible();
  const after = await titles();
  expect(after.length).toBeGreaterThan(2);
  expect(after).not.toEqual(before);

  // A live MoD run at small sizes replaces the shipped one.
  await page.getByLabel('largest S of a live run').selectOption('256');
  await mod.getByRole('button', { name: 'Run live: Mixture-of-Depths' }).click();
  await expect(mod.getByTestId('hx-status')).toHaveText(/^Done.*Measured live on webgpu/, {
    timeout: 180_000,
  });
  expect(await marks(mod).count()).toBeGreaterThan(2);

  await snap(page, info, 'hardness-desktop');
  await snapPanels(page, info, 'desktop');
  expect(log.errors).toEqual([]);
});

test('the controls change the URL; a rerun of a pure experiment follows them', async ({
  page,
  log,
}) => {
  await openLab(page, '#screen=hardness&h.rl.pattern=shift&h.rl.n=16&h.rl.m=4');
  const rank = figure(page, 'hx-rank');
  await expect(rank.getByTestId('hx-status')).toContainText('shift, n = 16, rank m = 4', {
    timeout: 120_000,
  });
  await page.getByLabel('target pattern').selectOption('band');
  await expect(rank.getByTestId('hx-status')).toContainText('band, n = 16', { timeout: 60_000 });
  await expect(page).toHaveURL(/h\.rl\.pattern=band/);
  // The run bar works from the keyboard.
  const run = rank.getByRole('button', { name: 'Run: rank limit' });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(rank.getByTestId('hx-status')).toHaveText(/^Done/, { timeout: 60_000 });
  expect(log.errors).toEqual([]);
});

test('a bad shipped MoD file is a message in its panel; the page keeps working', async ({
  page,
  log,
}) => {
  await page.route('**/precomputed/mod.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: '{"kind":"mod","runs":[]}',
    }),
  );
  await openLab(page);
  await expect(figure(page, 'hx-mod').getByTestId('hx-status')).toContainText(
    'could not be loaded (precomputed/mod.json: the file has no runs); press Run live',
  );
  await expect(figure(page, 'hx-mod').getByText('press Run live.')).toBeVisible();
  await expect(figure(page, 'hx-flops').getByTestId('hx-status')).toContainText('Pre-computed');
  await expect(figure(page, 'hx-rank').getByTestId('hx-status')).toHaveText(/^Done/, {
    timeout: 120_000,
  });
  expect(log.errors).toEqual([]);
});

test('bad URL values fall back to defaults with notices', async ({ page }) => {
  await openLab(page, '#screen=hardness&h.be.c=99&h.rl.m=%3Cscript%3E&h.nope=1');
  const notices = page.getByRole('note');
  await expect(notices.filter({ hasText: 'Ignored h.be.c="99"' })).toBeVisible();
  await expect(notices.filter({ hasText: 'Ignored h.rl.m="<script>"' })).toBeVisible();
  await expect(notices.filter({ hasText: 'unknown key "h.nope"' })).toBeVisible();
  await expect(page.getByLabel('c in d = ⌈c·log₂ n⌉')).toHaveValue('1');
});

test('fits 375 px without horizontal scrolling', async ({ page, log }, info) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 375, height: 800 });
  await openLab(page);
  await allDrawn(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(page, info, 'hardness-375');
  await snapPanels(page, info, 'phone');
  expect(log.errors).toEqual([]);
});
