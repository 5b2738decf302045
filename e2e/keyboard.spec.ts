import { expect, snap, test, waitForBackend } from './fixtures';

/**
 * Keyboard only: from the top of the page, Tab reaches every control in document order with a
 * visible focus indicator, and a sweep runs from the keyboard.
 */
test('a keyboard-only run: Tab to the controls and Run, Enter starts it, focus is visible', async ({
  page,
  log,
}, info) => {
  test.setTimeout(120_000);
  await page.goto('./#screen=lab&variants=dense,linear&n=16,32&d=16&heads=1&repeats=1&seed=1');
  await waitForBackend(page);

  const seen: string[] = [];
  let reachedRun = false;
  for (let i = 0; i < 200 && !reachedRun; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return {
        tag: el.tagName.toLowerCase(),
        name,
        // A visible focus indicator: an outline or a box shadow (the browser default counts).
        visible:
          (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') ||
          style.boxShadow !== 'none',
      };
    });
    if (!focus) continue;
    seen.push(`${focus.tag}:${focus.name}`);
    expect(focus.visible, `focus visible on ${focus.tag} "${focus.name}"`).toBe(true);
    reachedRun = focus.tag === 'button' && focus.name === 'Run';
  }
  expect(reachedRun, `Tab order: ${seen.join(' → ')}`).toBe(true);
  // The variant checkboxes, the size inputs and the selects come before Run.
  expect(seen.filter((s) => s.startsWith('input:')).length).toBeGreaterThan(5);
  expect(seen.some((s) => s.startsWith('select:'))).toBe(true);

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText(/^Done/, { timeout: 90_000 });
  await expect(page.getByRole('table', { name: 'Results' }).locator('tbody tr')).toHaveCount(4);
  await snap(page, info, 'keyboard-run');
  expect(log.errors).toEqual([]);
});
