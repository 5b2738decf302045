import { expect, snap, test, waitForBackend } from './fixtures';

/**
 * A chart that throws keeps its failure to itself: its error boundary names it and says what was
 * kept, the rest of the screen and the header go on working, and "Try again" redraws it once the
 * cause is gone. The failure is made from outside the app: canvas `putImageData` (what every
 * heatmap calls in an effect) throws until the test lets it work again.
 */

test('a heatmap that throws shows a message in place; the screen and the app go on', async ({
  page,
  log,
}, info) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const real = CanvasRenderingContext2D.prototype.putImageData;
    const w = window as unknown as { breakCanvas: boolean };
    w.breakCanvas = true;
    CanvasRenderingContext2D.prototype.putImageData = function (
      this: CanvasRenderingContext2D,
      ...args: [ImageData, number, number]
    ) {
      if (w.breakCanvas) throw new Error('canvas refused the pixels (test)');
      return Reflect.apply(real, this, args);
    } as typeof real;
  });
  await page.goto('./#screen=layers');
  await waitForBackend(page);
  await expect(page.getByTestId('layers-status')).toContainText('Done in', { timeout: 90_000 });

  const failed = page.getByTestId('error-boundary');
  await expect(failed.first()).toBeVisible();
  await expect(failed.first()).toContainText('could not be drawn: canvas refused the pixels');
  await expect(failed.first()).toContainText('The other charts and the results are unchanged.');
  // Only the charts failed: the screen's own controls and status are still there.
  await expect(page.getByTestId('layers-status')).toBeVisible();
  await expect(page.getByRole('navigation').first()).toBeVisible();
  await snap(page, info, 'heatmap-failed');

  // Once the cause is gone, "Try again" draws the chart.
  const before = await failed.count();
  await page.evaluate(() => {
    (window as unknown as { breakCanvas: boolean }).breakCanvas = false;
  });
  await failed.first().getByRole('button', { name: 'Try again' }).click();
  await expect(failed).toHaveCount(before - 1);

  // The other screens were never touched: the lab draws its charts.
  await page.goto('./#screen=lab');
  await expect(page.locator('.chart-svg').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);

  // What the console got is the boundaries' own report, nothing uncaught.
  expect(log.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  for (const e of log.errors) expect(e).toMatch(/failed|canvas refused the pixels/);
});
