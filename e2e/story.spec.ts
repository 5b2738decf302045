import { expect, offOrigin, snap, test } from './fixtures';

/**
 * The guided story: walked from first to last step by keyboard alone (Tab to Next, Enter; the
 * arrow keys), each step's own link opens that step, and nothing logs an error.
 */

const STEP_IDS = [
  'quadratic',
  'unavoidable',
  'trade-offs',
  'when-they-fail',
  'mixture-of-depths',
  'flash',
  'residuals',
  'next',
];

test('the story walks from first to last step by keyboard', async ({ page, log }, info) => {
  test.setTimeout(240_000);
  await page.goto('./#screen=story');
  const position = page.locator('.story-position');
  await expect(position).toHaveText(`Step 1 of ${STEP_IDS.length}`);
  // Tab from the top of the page to the Next button.
  const next = page.getByRole('button', { name: 'Next →' });
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await next.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(next).toBeFocused();
  for (let k = 2; k <= STEP_IDS.length; k++) {
    await page.keyboard.press('Enter');
    await expect(position).toHaveText(`Step ${k} of ${STEP_IDS.length}`);
    await expect(page).toHaveURL(new RegExp(`step=${STEP_IDS[k - 1]}`));
    await expect(page.locator('.story-figure')).toBeVisible();
    await snap(page, info, `story-step-${k}`);
  }
  await expect(next).toBeDisabled();
  // The arrow keys go back and forth too.
  await page.keyboard.press('ArrowLeft');
  await expect(position).toHaveText(`Step ${STEP_IDS.length - 1} of ${STEP_IDS.length}`);
  await page.keyboard.press('ArrowRight');
  await expect(position).toHaveText(`Step ${STEP_IDS.length} of ${STEP_IDS.length}`);
  expect(log.errors).toEqual([]);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
});

test("each step's link opens that step", async ({ page, log }) => {
  test.setTimeout(240_000);
  for (const [k, id] of STEP_IDS.entries()) {
    await page.goto(`./#screen=story&step=${id}`);
    await expect(page.locator('.story-position')).toHaveText(`Step ${k + 1} of ${STEP_IDS.length}`);
    await expect(page.getByRole('link', { name: new RegExp(`^${k + 1} `) })).toHaveAttribute(
      'aria-current',
      'step',
    );
    // Every step names a source with its arXiv id.
    await expect(page.getByRole('list', { name: 'Sources' })).toContainText('arXiv:');
  }
  await page.goto('./#screen=story&step=nonsense');
  await expect(page.locator('.story-position')).toHaveText(`Step 1 of ${STEP_IDS.length}`);
  await expect(page.getByRole('note').filter({ hasText: 'step="nonsense"' })).toBeVisible();
  expect(log.errors).toEqual([]);
});
