import type { Locator, Page, TestInfo } from '@playwright/test';
import { parseModFile } from '../src/features/hardness/model/modFile';
import { downloadJson, expect, type Json, snap, test, waitForBackend } from './fixtures';

/**
 * The hardness lab in headless Chromium on webgpu (SwiftShader): every panel draws its marks
 * on open (three computed by the engine worker, two from shipped pre-computed runs), a live
 * run replaces a pre-computed one, a bad shipped file is a message, bad URL values come back as
 * notices, each figure downloads what it shows as JSON, and the page fits a phone's width.
 * Screenshots go to the test's output folder.
 */

const FIGURES = ['hx-bounded', 'hx-performer', 'hx-rank', 'hx-flops', 'hx-mod'];
const AUTO_RUN = ['hx-bounded', 'hx-performer', 'hx-rank'];

const figure = (page: Page, id: string) => page.getByTestId(id);
const marks = (fig: Locator) => fig.locator('svg.chart-svg .chart-point');

/** Each panel on its own (a full page is too tall to read), attached to the report. */
async function snapPanels(page: Page, info: TestInfo, prefix: string) {
  const panels = page.locator('section.hx-panel');
  for (let i = 0; i < (await panels.count()); i++) {
    const path = info.outputPath(`${prefix}-panel${i + 1}.png`);
    await panels.nth(i).screenshot({ path });
    await info.attach(`${prefix}-panel${i + 1}`, { path, contentType: 'image/png' });
  }
}

/** A figure's JSON button: the file's name and its parsed content. */
const figureJson = (page: Page, fig: Locator, name: string) =>
  downloadJson(page, fig.getByRole('button', { name: `Download JSON: ${name}` }));

const dated = (what: string) => new RegExp(`^hardness-${what}-\\d{4}-\\d{2}-\\d{2}\\.json$`);

/** Provenance of a result computed in this browser: the engine's report and the browser. */
function expectPageProvenance(p: Json) {
  expect(p).toMatchObject({ source: 'page', backend: 'webgpu' });
  expect(p.adapter).toMatchObject({ architecture: expect.any(String) });
  expect(p.limits.maxBufferSize).toBeGreaterThan(0);
  expect(p.tfjsVersion).toMatch(/^\d+\.\d+/);
  expect(p.userAgent).toContain('Chrome');
  expect(new Date(p.date).toISOString()).toBe(p.date);
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

/** Each figure's JSON on open: the CLI's files for the computed ones, the shipped runs shown. */
async function downloadsOnOpen(page: Page) {
  const bounded = await figureJson(page, figure(page, 'hx-bounded'), 'bounded entries');
  expect(bounded.name).toMatch(dated('bounded'));
  const b = bounded.data;
  expect(Object.keys(b)).toEqual(['kind', 'experiment', 'result', 'provenance']);
  expect(b.kind).toBe('boundedEntries');
  // Every (variant, n) has a point at every B²/ln n.
  for (const variant of Object.keys(b.experiment.budgets)) {
    for (const n of b.experiment.ns) {
      const pts = b.result.points.filter((p: Json) => p.variant === variant && p.n === n);
      expect(pts.map((p: Json) => p.ratio)).toEqual(b.experiment.ratios);
      for (const p of pts) expect(p.maxAbsError).toBeGreaterThan(0);
    }
  }
  expectPageProvenance(b.provenance);

  const performer = await figureJson(page, figure(page, 'hx-performer'), 'Performer estimator');
  expect(performer.name).toMatch(dated('performer'));
  const pf = performer.data;
  expect(pf.result.series.map((s: Json) => s.m)).toEqual(pf.experiment.ms);
  for (const s of pf.result.series) expect(s.points).toHaveLength(pf.experiment.normSqs.length);
  expectPageProvenance(pf.provenance);

  const rank = await figureJson(page, figure(page, 'hx-rank'), 'rank limit');
  expect(rank.name).toMatch(dated('rank'));
  const { experiment: e, result: r } = rank.data;
  expect(r.target).toHaveLength(e.n * e.n);
  expect(r.approximation).toHaveLength(e.n * e.n);
  expect(r.bestError).toBeCloseTo(Math.sqrt(e.n - e.m), 4);
  expectPageProvenance(rank.data.provenance);

  // The shipped runs shown: the Mixture-of-Depths run as a file the panel reads back.
  const mod = await figureJson(page, figure(page, 'hx-mod'), 'Mixture-of-Depths');
  expect(mod.name).toMatch(dated('mod'));
  expect(typeof parseModFile(mod.data)).toBe('object');
  expect(mod.data.runs).toHaveLength(1);
  expect(mod.data.provenance).toMatchObject({
    backend: 'wasm',
    command: expect.stringMatching(/^hardness mod/),
  });

  const flops = await figureJson(page, figure(page, 'hx-flops'), 'FLOPs and memory');
  expect(flops.name).toMatch(dated('flops'));
  const f = flops.data;
  expect(Object.keys(f)).toEqual(['config', 'rows', 'fits', 'provenance']);
  expect(f.config.variants).toEqual(['dense', 'flash', 'fused']);
  expect(f.rows).toHaveLength(3 * f.config.ns.length);
}

/** After the live runs: the files hold them, with this browser's provenance. */
async function liveDownloads(page: Page) {
  const flops = await figureJson(page, figure(page, 'hx-flops'), 'FLOPs and memory');
  const f = flops.data;
  expect(f.config).toMatchObject({ variants: ['dense', 'flash', 'fused'], ns: [64, 128, 256] });
  expect(f.rows).toHaveLength(9);
  for (const row of f.rows) expect(row.msMedian).toBeGreaterThan(0);
  expectPageProvenance(f.provenance);

  const mod = await figureJson(page, figure(page, 'hx-mod'), 'Mixture-of-Depths');
  const parsed = parseModFile(mod.data);
  if (typeof parsed === 'string') throw new Error(`the page's mod file: ${parsed}`);
  expect(parsed.runs[0].experiment.ns).toEqual([128, 256]);
  expect(parsed.runs[0].points).toHaveLength(2);
  expectPageProvenance(parsed.provenance);
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
  await downloadsOnOpen(page);
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
  // The live run draws the fused kernel (webgpu) beside dense and flash.
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
  await liveDownloads(page);

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
    'could not be loaded (precomputed/mod.json: runs: expected at least one run, got a list of 0); press Run live',
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
