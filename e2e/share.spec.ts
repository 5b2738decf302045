import type { Page } from '@playwright/test';
import { EMBED_HEIGHTS } from '../src/features/complexity/model/viewFlags';
import { openHostPage } from './embedHost';
import { expect, snap, test } from './fixtures';

/**
 * Share, lesson flags and embed mode: every control in the URL hash (validated, notices for
 * what is ignored, never HTML), `hide=` groups, `#embed=<panel>` with a lazy engine, the dialog.
 */

const SHARED =
  '#screen=lab&variants=dense,lsh,taylor&n=128,512&d=48&heads=2&repeats=5&causal=1' +
  '&input=clustered&seed=7&p.lsh.rounds=2&p.taylor.p=4&frontier=256&sweep=lsh.chunk.256';

const variantBox = (page: Page, id: string) => page.locator(`input[data-variant="${id}"]`);
const paramInput = (page: Page, variant: string, label: string) =>
  page
    .locator('li.lab-variant', { has: variantBox(page, variant) })
    .locator('label.lab-param', { hasText: label })
    .locator('input');
const paramPanel = (page: Page) => page.locator('section[aria-labelledby="param-heading"]');

async function expectSharedControls(page: Page, repeats = '5') {
  for (const id of ['dense', 'lsh', 'taylor']) await expect(variantBox(page, id)).toBeChecked();
  for (const id of ['flash', 'window', 'performer']) {
    await expect(variantBox(page, id)).not.toBeChecked();
  }
  await expect(paramInput(page, 'lsh', 'rounds')).toHaveValue('2');
  await expect(paramInput(page, 'taylor', 'degree')).toHaveValue('4');
  await expect(page.getByLabel('smallest n')).toHaveValue('128');
  await expect(page.getByLabel('largest n')).toHaveValue('512');
  await expect(page.getByLabel('d (head width)')).toHaveValue('48');
  await expect(page.getByLabel('heads')).toHaveValue('2');
  await expect(page.getByLabel('repeats')).toHaveValue(repeats);
  await expect(page.getByLabel('input kind')).toHaveValue('clustered');
  await expect(page.getByLabel('causal')).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'error against time at n =' })).toHaveValue(
    '256',
  );
  await expect(paramPanel(page).getByLabel('variant')).toHaveValue('lsh');
  await expect(paramPanel(page).getByLabel('parameter')).toHaveValue('chunk');
  await expect(paramPanel(page).locator('select').nth(2)).toHaveValue('256');
}

test('a shared URL reproduces every control; a change is written back to the hash', async ({
  page,
  log,
}) => {
  await page.goto(`./${SHARED}`);
  await expectSharedControls(page);
  await expect(page.locator('.notices')).toHaveCount(0);

  await page.getByLabel('d (head width)').fill('40');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('d=40');
  const hash = await page.evaluate(() => location.hash);
  for (const part of ['seed=7', 'p.lsh.rounds=2', 'p.taylor.p=4', 'causal=1', 'n=128,512']) {
    expect(hash).toContain(part);
  }
  expect(hash).toContain('frontier=256');
  expect(hash).toContain('sweep=lsh.chunk.256');
  await variantBox(page, 'flash').check();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('variants=dense,flash,');

  // A link pasted into the same tab (hashchange) is read too.
  await page.evaluate(() => {
    location.hash = '#variants=window&d=24&hide=run';
  });
  await expect(page.getByLabel('d (head width)')).toHaveValue('24');
  await expect(variantBox(page, 'window')).toBeChecked();
  await expect(variantBox(page, 'dense')).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeHidden();
  expect(log.errors).toEqual([]);
});

test('a hostile URL keeps the defaults, names what it ignored, and runs nothing', async ({
  page,
  log,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const hostile =
    '#variants=dense,evil&d=1e9&p.flash.block=-3' +
    `&input=${encodeURIComponent('<script>window.__pwned=1</script>')}` +
    `&heads=${encodeURIComponent('<img src=x onerror="window.__pwned=1;alert(1)">')}`;
  await page.goto(`./${hostile}`);
  const notices = page.locator('.notices');
  await expect(notices).toContainText('Ignored variants="dense,evil"');
  await expect(notices).toContainText('Ignored d="1e9"');
  await expect(notices).toContainText('Ignored p.flash.block="-3"');
  await expect(notices).toContainText('Ignored input="<script>window.__pwned=1</script>"');
  await expect(notices).toContainText('Ignored heads="<img src=x onerror');
  await expect(page.getByLabel('d (head width)')).toHaveValue('64');
  await expect(page.getByLabel('heads')).toHaveValue('1');
  await expect(page.getByLabel('input kind')).toHaveValue('gaussian');
  await expect(variantBox(page, 'flash')).toBeChecked();
  await expect(paramInput(page, 'flash', 'block')).toHaveValue('64');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({
    timeout: 120_000,
  });
  expect(await page.locator('.notices img, .notices script').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(log.errors).toEqual([]);
});

test('lesson flags hide the named groups and name unknown ones', async ({ page }) => {
  await page.goto('./#hide=variants,run,nonsense');
  await expect(page.locator('.notices')).toContainText('Ignored hide="nonsense"');
  await expect(page.locator('.lab-variants')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeHidden();
  await expect(page.getByLabel('d (head width)')).toBeVisible();
  await expect(paramPanel(page)).toBeVisible();
});

test('embed mode shows one chart, starts no worker until Run live, then runs', async ({
  page,
  log,
}, info) => {
  test.setTimeout(240_000);
  await page.goto('./#embed=time&variants=dense,flash&n=16,32&d=8&heads=1&repeats=1');
  await expect(page.locator('.chart-svg .chart-point').first()).toBeVisible();
  await expect(page.locator('.chart-svg:visible')).toHaveCount(1);
  await expect(page.locator('figcaption:visible')).toHaveText([/^Time against n/]);
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.locator('fieldset, select, .lab-results-panel, footer')).toHaveCount(0);
  await page.waitForTimeout(1500);
  expect(log.requests.filter((u) => /worker/i.test(u))).toEqual([]);
  await snap(page, info, 'embed-time');
  const before = await page.locator('.chart-svg .chart-point > title').allTextContents();

  await page.getByRole('button', { name: 'Run live' }).click();
  await expect(page.getByTestId('embed-status')).toHaveText(/^Done/, { timeout: 200_000 });
  expect(log.requests.some((u) => /engine\.worker/.test(u))).toBe(true);
  const after = await page.locator('.chart-svg .chart-point > title').allTextContents();
  expect(after.length).toBeGreaterThan(0);
  expect(after).not.toEqual(before);
  expect(after.join('\n')).toMatch(/\b(16|32)\b/);
  expect(log.errors).toEqual([]);
});

test('the Share dialog gives a link that reproduces the view, and an iframe snippet', async ({
  page,
  context,
  log,
}, info) => {
  await page.goto(`./${SHARED}`);
  await page.getByLabel('repeats').fill('9');
  const share = page.getByRole('button', { name: 'Share' });
  await share.click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await expect(dialog).toBeVisible();
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(link).toContain('repeats=9');
  await dialog.getByLabel('Embed one panel').selectOption('memory');
  const snippet = await dialog.getByTestId('share-snippet').inputValue();
  expect(snippet).toMatch(
    /^<iframe src="http:\/\/[^"]+#embed=memory&amp;variants=dense,lsh,taylor/,
  );
  expect(snippet).toContain('title="Attention Explorer: memory against n"');
  expect(snippet).toContain(`width="100%" height="${EMBED_HEIGHTS.memory}"`);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText(/Copied|Selected/);
  await snap(page, info, 'share-dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(share).toBeFocused();

  const other = await context.newPage();
  await other.goto(link);
  await expectSharedControls(other, '9');
  expect(log.errors).toEqual([]);
});

test.describe('375 px wide', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('the share button and the lab fit', async ({ page }, info) => {
    await page.goto('./#hide=params');
    await expect(page.getByRole('button', { name: 'Share' })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, info, 'share-375');
  });
});

test('embed in a 600 px wide iframe at the snippet’s height shows the whole chart', async ({
  page,
  baseURL,
}, info) => {
  const height = EMBED_HEIGHTS.time;
  await page.setViewportSize({ width: 640, height: height + 40 });
  await openHostPage(
    page,
    `<iframe src="${baseURL}/#embed=time" width="600" height="${height}" title="Attention Explorer: time against n" style="border:1px solid #ccc"></iframe>`,
  );
  const frame = page.frameLocator('iframe');
  const chart = frame.locator('.chart-svg').filter({ visible: true }).first();
  await expect(chart.locator('.chart-point').first()).toBeVisible();
  // The x-axis label at the bottom of the chart lies inside the frame: nothing is clipped.
  const bottom = await chart.evaluate((el) => el.getBoundingClientRect().bottom);
  const inner = await chart.evaluate(() => window.innerHeight);
  expect(bottom).toBeLessThanOrEqual(inner);
  await snap(page, info, 'embed-iframe-600-wide');
});

test("a story step's figure embeds from the Share dialog and computes in the iframe", async ({
  page,
  context,
  baseURL,
  log,
}, info) => {
  // The dialog on a page of its own: `page` stays a blank host without the app's CSP.
  const app = await context.newPage();
  await app.goto('./#screen=story&step=unavoidable');
  await app.getByRole('button', { name: 'Share' }).click();
  const dialog = app.getByRole('dialog', { name: 'Share this view' });
  await expect(dialog.getByLabel('Embed one panel')).toHaveValue('story');
  const snippet = await dialog.getByTestId('share-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/[^"]+#embed=story&amp;step=unavoidable"/);
  expect(snippet).toContain(`height="${EMBED_HEIGHTS.story}"`);
  const src = /src="([^"]+)"/.exec(snippet)?.[1].replaceAll('&amp;', '&') ?? '';
  await app.close();

  await page.setViewportSize({ width: 760, height: 860 });
  await openHostPage(
    page,
    `<iframe src="${src.replace(/^https?:\/\/[^/]+/, baseURL ?? '')}" width="700" height="800" title="story figure" style="border:1px solid #ccc"></iframe>`,
  );
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('main.story-embed')).toContainText('Is quadratic attention');
  await expect(frame.getByRole('link', { name: 'Open in Attention Explorer' })).toHaveAttribute(
    'href',
    /#screen=story&.*step=unavoidable/,
  );
  // The bounded-entries experiment runs in the iframe's own worker and draws its charts.
  await expect(frame.locator('.chart-svg .chart-point').first()).toBeVisible({ timeout: 90_000 });
  await expect(frame.locator('header')).toHaveCount(0);
  await snap(page, info, 'embed-story-figure');
  expect(log.errors).toEqual([]);
});
