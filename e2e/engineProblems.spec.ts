import { expect, snap, test, waitForBackend } from './fixtures';

/** Loading and failure states are designed, never blank, and the engine can be restarted. */

test('the shell shows a loading state while the engine worker loads', async ({ page }, info) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/engine.worker-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./?backend=cpu#screen=status');
  await expect(page.getByRole('status')).toContainText('Starting the engine');
  await expect(page.getByRole('button', { name: 'Check variants' })).toBeDisabled();
  await snap(page, info, 'engine-starting');
  release();
  expect(await waitForBackend(page)).toBe('cpu');
  await expect(page.getByRole('button', { name: 'Check variants' })).toBeEnabled();
});

test('a worker that fails to load shows the problem; Restart engine recovers', async ({
  page,
}, info) => {
  let fail = true;
  await page.route('**/engine.worker-*.js', (route) => (fail ? route.abort() : route.continue()));
  await page.goto('./?backend=cpu#screen=status');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The engine worker stopped');
  await expect(page.getByRole('button', { name: 'Check variants' })).toBeDisabled();
  await snap(page, info, 'engine-crashed');
  fail = false;
  await page.getByRole('button', { name: 'Restart engine' }).click();
  expect(await waitForBackend(page)).toBe('cpu');
  await expect(alert).toHaveCount(0);
});
