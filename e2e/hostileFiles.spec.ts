import { expect, test } from './fixtures';

/**
 * Result files that once unmounted the whole page (a string or object where a number belongs,
 * `refused` as an object, n = 1e999, 10 000 variants),
 * through the real "Open results" input: the page stays up and says which field is wrong.
 */

const provenance = { backend: 'webgpu', date: '2026-01-01T00:00:00Z' };
const row = (variant: string, n: number, extra: Record<string, unknown> = {}) => ({
  variant,
  n,
  msMedian: 2,
  msMin: 1,
  msMax: 3,
  msAll: [1, 2, 3],
  peakBytes: 4096,
  analyticBytes: 8192,
  analyticFlops: 1e6,
  relError: 0.001,
  maxAbsError: 0.01,
  errorReference: 'dense',
  ...extra,
});
const fileOf = (rows: unknown[]) => JSON.stringify({ rows, fits: [], provenance });

const HOSTILE: [string, string, RegExp][] = [
  ['rel-string.json', fileOf([row('dense', 64, { relError: 'x' })]), /rows\[0\]\.relError/],
  ['rel-object.json', fileOf([row('dense', 64, { relError: { a: 1 } })]), /rows\[0\]\.relError/],
  ['rel-bool.json', fileOf([row('dense', 64, { relError: true })]), /rows\[0\]\.relError/],
  [
    'refused-object.json',
    fileOf([{ variant: 'dense', n: 64, refused: { a: 1 } }]),
    /rows\[0\]\.refused/,
  ],
  ['n-infinite.json', fileOf([row('dense', 64)]).replace('"n":64', '"n":1e999'), /rows\[0\]\.n/],
  [
    'variants.json',
    fileOf(Array.from({ length: 10_000 }, (_, i) => row(`v${i}`, 64))),
    /more than 64 distinct variants/,
  ],
];

test('hostile result files leave the page working and name the field', async ({ page }) => {
  await page.goto('./#screen=lab');
  const charts = page.locator('.chart-svg');
  await expect(charts.first()).toBeVisible();
  for (const [name, text, why] of HOSTILE) {
    await page.getByTestId('open-results').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    const error = page.getByTestId('file-error');
    await expect(error).toContainText(`${name} cannot be shown`);
    await expect(error).toContainText(why);
    await expect(page.locator('header nav, header').first()).toBeVisible();
    await expect(charts.first()).toBeVisible();
  }
});
