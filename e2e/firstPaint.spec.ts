import { FIRST_PAINT_BUDGET_MS, firstPaintLine, measureFirstPaint } from '../src/cli/firstPaint';
import { expect, test } from './fixtures';

/**
 * The first-paint budget (issue 7): on a first visit (a fresh context, so a cold cache) the page
 * shell with the pre-computed charts paints within 1.5 s of navigation. The same measuring
 * function feeds `npm run bench -- --browser`. Figures go to the report (attachment and
 * annotation) and to the console.
 */
test('the page shell with the pre-computed charts paints within 1.5 s of navigation', async ({
  page,
  log,
}, testInfo) => {
  const figures = await measureFirstPaint(page, './');
  const line = firstPaintLine(figures);
  console.log(line);
  testInfo.annotations.push({ type: 'first paint', description: line });
  await testInfo.attach('first-paint.json', {
    body: JSON.stringify({ ...figures, budgetMs: FIRST_PAINT_BUDGET_MS }, null, 2),
    contentType: 'application/json',
  });
  // The mark is only set once the pre-computed run is what the lab shows.
  await expect(page.getByTestId('precomputed-notice')).toBeVisible();
  await expect(page.locator('.chart-svg').first()).toBeVisible();
  expect(figures.firstContentfulPaintMs, 'first-contentful-paint entry').not.toBeNull();
  expect(figures.chartsDrawnMs, 'the "precomputed-charts-drawn" mark').not.toBeNull();
  expect(figures.chartsDrawnMs ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(
    FIRST_PAINT_BUDGET_MS,
  );
  expect(log.errors).toEqual([]);
});
