import type { Locator, Page } from '@playwright/test';
import { downloadJson, expect, offOrigin, snap, test, waitForBackend } from './fixtures';

/**
 * The layer explorer in headless Chromium on webgpu (SwiftShader): the shipped model runs in the
 * worker, every head draws as a canvas heatmap, hover reads exact values, a variant changes the
 * difference maps, the trace downloads as JSON, refusals and bad input are shown in place, and
 * 375 px has no page scroll.
 */

const status = (page: Page) => page.getByTestId('layers-status');
const done = (page: Page) => expect(status(page)).toContainText('Done in', { timeout: 90_000 });

/** Pixel summary of a canvas: opaque cell count and how many distinct colours they use. */
async function canvasStats(canvas: Locator) {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data =
      c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    const colours = new Set<string>();
    let opaque = 0;
    let nonWhite = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      opaque++;
      colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      if (Math.min(data[i], data[i + 1], data[i + 2]) < 235) nonWhite++;
    }
    return { width: c.width, height: c.height, opaque, colours: colours.size, nonWhite };
  });
}

/** "Download JSON" of the shown trace: the file's name and its parsed content. */
const downloadTrace = (page: Page) =>
  downloadJson(page, status(page).getByRole('button', { name: 'Download JSON' }));

async function open(page: Page, hash = '#screen=layers') {
  const response = await page.goto(`./${hash}`);
  expect(response?.ok()).toBe(true);
  await waitForBackend(page);
  await done(page);
}

test('every head draws, hover reads a value, a variant changes the difference maps', async ({
  page,
  log,
}, info) => {
  test.setTimeout(240_000);
  await open(page);
  const grid = page.getByTestId('head-grid');
  const smalls = grid.locator('canvas');
  const layers = await grid.locator('tbody tr').count();
  const heads = await grid.locator('thead th[scope=col]').count();
  expect(layers).toBeGreaterThan(1);
  expect(heads).toBeGreaterThan(1);
  await expect(smalls).toHaveCount(layers * heads);
  // 17 tokens: T×T pixels, the causal half hatched (transparent), content not uniform.
  for (let i = 0; i < layers * heads; i++) {
    const s = await canvasStats(smalls.nth(i));
    expect([s.width, s.height]).toEqual([17, 17]);
    expect(s.opaque).toBe((17 * 18) / 2);
    expect(s.colours).toBeGreaterThan(3);
  }

  // Hover a cell of the large exact map: query, key and an exact weight.
  const focus = page.getByTestId('focused-head');
  const exactCanvas = focus.locator('canvas').first();
  await exactCanvas.scrollIntoViewIfNeeded();
  const box = await exactCanvas.boundingBox();
  if (!box) throw new Error('no focused map');
  // Bottom row, a few cells from the right: a query that sees every key.
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height - 3);
  await expect(page.getByTestId('focus-readout')).toContainText(
    /query \S+ \(\d+\) → key \S+ \(\d+\): exact \d/,
  );
  await expect(focus.locator('.heatmap-tooltip').first()).toBeVisible();

  // Dense: the difference map is blank (rounding only). A 4-token window: it is not.
  const diffCanvas = focus.locator('canvas').nth(2);
  const before = await canvasStats(diffCanvas);
  expect(before.nonWhite).toBe(0);
  await page.getByTestId('variant-select').selectOption('window');
  await page.getByLabel('window w').fill('4');
  await expect(status(page)).toContainText('Sliding window', { timeout: 90_000 });
  await done(page);
  const after = await canvasStats(diffCanvas);
  expect(after.nonWhite).toBeGreaterThan(0);
  await page.getByRole('radio', { name: /difference from exact/ }).check();
  expect((await canvasStats(smalls.first())).colours).toBeGreaterThan(3);
  await expect(page.getByTestId('diff-stats')).not.toContainText('Largest |difference| 0;');
  await expect(page).toHaveURL(/l\.variant=window&l\.p\.w=4/);
  await expect(page).toHaveURL(/l\.grid=difference/);

  await expect(page.getByTestId('share-sum')).toContainText(/Σ = (1\.0000|0\.9999)/);
  // The batch score: exact softmax against the window, and the verdict.
  await expect(page.getByTestId('accuracy')).toContainText('Sliding window breaks the task', {
    timeout: 120_000,
  });

  // The download: the model, the controls, every layer × head as T² weights, the accuracy.
  const { name, data } = await downloadTrace(page);
  expect(name).toMatch(/^layers-pre-window-\d{4}-\d{2}-\d{2}\.json$/);
  expect(Object.keys(data)).toEqual(['model', 'config', 'trace', 'accuracy', 'provenance']);
  expect(data.model).toMatchObject({ id: 'pre', config: { layers, heads } });
  expect(data.config).toMatchObject({ variant: 'window', params: { window: { w: 4 } } });
  const t = data.trace.tokens.length;
  expect(t).toBe(17);
  expect(data.trace.layers).toHaveLength(layers);
  for (const layer of data.trace.layers) {
    expect(layer.attention).toHaveLength(heads);
    for (const map of [...layer.attention, ...layer.exact]) {
      expect(map).toHaveLength(t * t);
      // Causal rows of weights: each sums to 1.
      for (const i of [0, t - 1]) {
        const row = map.slice(i * t, (i + 1) * t) as number[];
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      }
    }
  }
  expect(data.trace.variant).toBe('window');
  expect(data.accuracy).toMatchObject({ model: 'pre', variant: 'window', sequences: 64 });
  expect(data.accuracy.variantAccuracy).toBeLessThan(data.accuracy.exactAccuracy);
  expect(data.provenance).toMatchObject({ source: 'page', backend: 'webgpu' });
  expect(data.provenance.adapter).not.toBeNull();
  expect(data.provenance.userAgent).toContain('Chrome');
  // Show a tooltip in the screenshot: a cell of the difference map.
  await diffCanvas.scrollIntoViewIfNeeded();
  const diffBox = await diffCanvas.boundingBox();
  if (diffBox)
    await page.mouse.move(diffBox.x + diffBox.width * 0.5, diffBox.y + diffBox.height * 0.7);
  await expect(focus.locator('.heatmap-tooltip')).toHaveCount(3);
  await snap(page, info, 'layers-desktop');
  expect(log.errors).toEqual([]);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
});

test('refusals and bad input are shown in place, nothing else breaks', async ({ page, log }) => {
  await open(page);
  await page.getByTestId('variant-select').selectOption('linformer');
  await expect(page.getByTestId('variant-refused')).toContainText('cannot be causal');
  await expect(page.getByTestId('run-refused')).toBeVisible();
  await page.getByTestId('variant-select').selectOption('dense');
  const input = page.getByTestId('sequence-input');
  await input.fill('CA7E|CA!E');
  await expect(page.getByTestId('unknown-chars').locator('mark')).toHaveText(['7', '!']);
  await expect(page.getByTestId('sequence-problem')).toContainText('"7" at 3');
  await input.fill('ABCDEFGHIJKLMNOP|ABCDEFGHIJKLMNOP');
  await expect(page.getByTestId('sequence-problem')).toContainText('context of 32 tokens');
  await page.getByRole('button', { name: 'New sequence' }).click();
  await done(page);
  await expect(page.getByTestId('prediction-summary')).toContainText('scored positions');
  expect(log.errors).toEqual([]);
});

test('a link reproduces the view; bad values fall back with notices', async ({ page, log }) => {
  await open(page, '#screen=layers&l.text=CAFE%7CCAFE&l.layer=2&l.head=3&l.variant=magic&l.zz=1');
  await expect(page.getByRole('note').filter({ hasText: 'l.variant="magic"' })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: '"l.zz"' })).toBeVisible();
  await expect(page.getByTestId('focused-head')).toContainText('L2 H3');
  await expect(page.getByTestId('head-grid').locator('canvas').first()).toHaveJSProperty(
    'width',
    9,
  );
  expect(log.errors).toEqual([]);
});

test('a MoD model runs at another capacity: fewer routed tokens, said on screen', async ({
  page,
  log,
}, info) => {
  await open(page, '#screen=layers&l.model=mod&l.text=CAFEBDGH%7CCAFEBDGH');
  const capacity = page.getByTestId('capacity-select');
  await expect(capacity).toHaveValue('0.5');
  const routing = page.locator('.formula-note').filter({ hasText: 'Router score' });
  await expect(routing).toContainText('top 50.0% of tokens');
  await capacity.selectOption('0.25');
  await done(page);
  await expect(page.getByTestId('capacity-note')).toContainText('running at 25.0%');
  await expect(routing).toContainText('top 25.0% of tokens');
  expect(new URL(page.url()).hash).toContain('l.cap=0.25');
  await snap(page, info, 'layers-mod-capacity');
  expect(log.errors).toEqual([]);
});

test('a seeded variant takes a seed: "New draw" reruns with the next one, the link keeps it', async ({
  page,
  log,
}) => {
  await open(page, '#screen=layers&l.variant=performer&l.p.m=16');
  await done(page);
  await expect(status(page)).toContainText('with Performer (FAVOR+) (seed 0).');
  const seed = page.getByRole('spinbutton', { name: 'seed' });
  await expect(seed).toHaveValue('0');
  await page.getByRole('button', { name: 'New draw' }).click();
  await expect(seed).toHaveValue('1');
  await expect(status(page)).toContainText('(seed 1).', { timeout: 60_000 });
  await expect.poll(() => new URL(page.url()).hash).toContain('l.seed=1');
  // A deterministic variant has no seed to set.
  await page.getByTestId('variant-select').selectOption('window');
  await expect(seed).toHaveCount(0);
  expect(log.errors).toEqual([]);
});

test('375 px: no horizontal page scroll, the grid stays in its box', async ({
  page,
  log,
}, info) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Keyboard: the selected map is one tab stop; arrows move the selection.
  const selected = page.locator('.head-button.selected');
  await selected.focus();
  const first = (await selected.getAttribute('data-head')) ?? '';
  const heads = await page.getByTestId('head-grid').locator('thead th[scope=col]').count();
  await page.keyboard.press(first.endsWith(`-${heads - 1}`) ? 'ArrowLeft' : 'ArrowRight');
  await expect(selected).not.toHaveAttribute('data-head', first);
  await expect(selected).toBeFocused();
  await expect(page).toHaveURL(/l\.head=/);
  await snap(page, info, 'layers-375');
  expect(log.errors).toEqual([]);
});
