import type { Download, Locator, Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

/**
 * Exports on the lab's pre-computed results (shown at load, no run needed): each chart as SVG
 * and as PNG at 2×, Download JSON opened back with "Open results", a malformed file refused,
 * and a second file compared.
 */

const charts = (page: Page) => page.locator('figure.chart');
const table = (page: Page) => page.getByRole('table', { name: 'Results' });

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function downloadBy(page: Page, button: Locator): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), data: await bytesOf(file) };
}

/** Every cell of every body row of the Results table. */
const tableCells = (page: Page) =>
  table(page)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')),
    );

async function openLab(page: Page) {
  await page.goto('./#screen=lab');
  await expect(page.getByTestId('precomputed-notice')).toBeVisible();
  await expect(page.locator('.chart-svg .chart-point').first()).toBeVisible();
  await expect(charts(page)).toHaveCount(4);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('each chart downloads as SVG and as a 2× PNG', async ({ page, log }, info) => {
  await openLab(page);
  const count = await charts(page).count();
  for (let i = 0; i < count; i++) {
    const figure = charts(page).nth(i);
    const title = (await figure.locator('figcaption').textContent())?.trim() ?? '';
    expect(title).not.toBe('');

    const svg = await downloadBy(
      page,
      figure.getByRole('button', { name: `Download ${title} as SVG`, exact: true }),
    );
    expect(svg.name).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.svg$/);
    const text = svg.data.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).not.toContain('var(--');
    // A well-formed SVG document: its text holds the title, it has marks.
    const parsed = await page.evaluate((src) => {
      const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        circles: doc.querySelectorAll('path[transform^="translate"]').length,
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.texts).toContain(title);
    expect(parsed.circles).toBeGreaterThanOrEqual(1);
    // Legend labels of the visible series are in it, drawn as SVG text.
    const legend = await figure.locator('.legend-item > span:first-of-type').allTextContents();
    for (const label of legend) expect(parsed.texts).toContain(label);

    const png = await downloadBy(
      page,
      figure.getByRole('button', { name: `Download ${title} as PNG`, exact: true }),
    );
    expect(png.name).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.png$/);
    expect(png.data.length).toBeGreaterThan(1000);
    expect(png.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.data.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.data.readUInt32BE(16);
    const screen = (await figure.locator('svg.chart-svg').boundingBox())?.width ?? 0;
    expect(screen).toBeGreaterThan(100);
    // 2× the on-screen chart, plus the export's margin of 8 px a side.
    expect(width).toBeGreaterThanOrEqual(Math.round(2 * screen));
    expect(width).toBeLessThanOrEqual(Math.round(2 * screen) + 40);
    const path = info.outputPath(png.name);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, png.data);
    await info.attach(`chart ${i + 1} PNG`, { path, contentType: 'image/png' });
  }
  expect(log.errors).toEqual([]);
});

test('Download JSON opens back as the same results; a malformed file is refused', async ({
  page,
  log,
}, info) => {
  await openLab(page);
  const before = await tableCells(page);
  expect(before.length).toBeGreaterThan(0);
  const json = await downloadBy(
    page,
    page.getByRole('button', { name: 'Download JSON', exact: true }),
  );
  expect(json.name).toMatch(/\.json$/);

  await page.getByTestId('open-results').setInputFiles({
    name: json.name,
    mimeType: 'application/json',
    buffer: json.data,
  });
  const notice = page.getByTestId('file-notice');
  await expect(notice).toHaveText(new RegExp(`^Loaded ${json.name}: measured on \\w+, .+, \\d`));
  await expect(page.getByTestId('precomputed-notice')).toHaveCount(0);
  expect(await tableCells(page)).toEqual(before);
  await expect(page.locator('.chart-svg .chart-point').first()).toBeVisible();
  await expect(page.getByText('Open results (JSON)…')).toBeVisible();

  // A malformed file: a message naming it; what is shown stays.
  await page.getByTestId('open-results').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"rows": [{"variant": 1}'),
  });
  await expect(page.getByTestId('file-error')).toHaveText(
    /^broken\.json cannot be shown: the file is not valid JSON .*\. The results shown are unchanged\.$/,
  );
  await expect(notice).toBeVisible();
  expect(await tableCells(page)).toEqual(before);

  // A second file overlaid: (B) series in the legends, B rows in the table; then cleared.
  await page.getByTestId('compare-results').setInputFiles({
    name: 'second.json',
    mimeType: 'application/json',
    buffer: json.data,
  });
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  await expect(page.getByTestId('compare-notice')).toContainText('second.json');
  await expect(table(page).locator('tbody tr[data-run="B"]')).toHaveCount(before.length);
  await expect(table(page).locator('tbody tr[data-run="A"]')).toHaveCount(before.length);
  const legendB = page.locator('.legend-item', { hasText: '(B)' });
  expect(await legendB.count()).toBeGreaterThanOrEqual(3);
  await snap(page, info, 'lab-compare');
  await page.getByRole('button', { name: 'Clear comparison', exact: true }).click();
  await expect(legendB).toHaveCount(0);
  expect(await tableCells(page)).toEqual(before);
  expect(log.errors).toEqual([]);
});

test('an export follows the screen: dark colours, hidden series left out', async ({
  page,
  log,
}, info) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLab(page);
  const figure = charts(page).first();
  const title = (await figure.locator('figcaption').textContent())?.trim() ?? '';
  const first = figure.locator('.legend-item').first();
  const hiddenLabel = (await first.locator('span').first().textContent())?.trim() ?? '';
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'false');

  const svgButton = figure.getByRole('button', { name: `Download ${title} as SVG`, exact: true });
  const text = (await downloadBy(page, svgButton)).data.toString('utf8');
  const panel = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--panel').trim(),
  );
  expect(panel).toBe('#1f2228');
  // The background is the dark panel, the title the dark theme's text colour.
  expect(text).toMatch(new RegExp(`^<svg[^>]*><rect [^>]*fill="${panel}"`));
  expect(text).toContain(`fill="#e6e7ea">${title}</text>`);
  expect(text).not.toContain('var(--');
  expect(text).not.toContain(`>${hiddenLabel}</text>`);

  const pngButton = figure.getByRole('button', { name: `Download ${title} as PNG`, exact: true });
  const png = await downloadBy(page, pngButton);
  const path = info.outputPath('dark.png');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, png.data);
  await info.attach('dark PNG', { path, contentType: 'image/png' });
  expect(log.errors).toEqual([]);
});
