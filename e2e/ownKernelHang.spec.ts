import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../src/cli/chromiumArgs';
import { KERNEL_TIME_LIMIT_S } from '../src/features/complexity/kernelTimeLimit';
import { expect, test } from './fixtures';

/**
 * A kernel that runs past the time limit: a loop of 5·10⁷ steps in each of 64 rows, about 25 s a
 * call on SwiftShader (10⁶ steps took 0.49 s). The check passes its limit, the engine worker is
 * terminated and a new one started, the reader is told, the text stays, and the lab runs again.
 *
 * Not 10⁹ steps here: nothing can preempt a dispatch already on the GPU, and releasing the
 * stopped worker's device waits for it, so on this software GPU a 10⁹-step loop would hold the GPU
 * process, and with it the page's drawing, for about 8 minutes (on a hardware GPU the same loop
 * takes seconds, and the browser's GPU watchdog resets a device that hangs). Its own browser, so
 * that whatever the stopped dispatch leaves behind ends with it.
 */
const HANG_BODY = `  var x = 0.0;
  for (var j = 0u; j < 50000000u; j++) { x += k(h, j % shape.n, 0u); }
  for (var t = 0u; t < shape.dv; t++) { setOut(h, i, t, x); }`;

const HASH =
  '#screen=lab&variants=dense&n=64&d=32&heads=1&repeats=1&causal=0&input=gaussian&seed=1';

test('a kernel past the time limit is stopped, the engine restarted and the lab keeps working', async ({
  baseURL,
}, info) => {
  test.setTimeout(300_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage({ baseURL });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`./${HASH}`);
    const runButton = page.getByRole('button', { name: 'Run', exact: true });
    await expect(runButton).toBeEnabled({ timeout: 120_000 });

    const panel = page.getByTestId('own-kernel');
    await panel.getByText('Your own kernel (WGSL)').click();
    const editor = panel.getByLabel('kernel body (WGSL)');
    await editor.fill(HANG_BODY);
    await panel.getByLabel('check at n').selectOption('64');
    const check = panel.getByRole('button', { name: 'Compile and check' });
    await check.click();
    await expect(panel.getByText('Compiling and running…')).toBeVisible();

    const result = panel.getByTestId('own-kernel-result');
    await expect(result).toContainText(
      `it ran past the time limit of ${KERNEL_TIME_LIMIT_S} s, so the engine was stopped and restarted`,
      { timeout: (KERNEL_TIME_LIMIT_S + 60) * 1000 },
    );
    // What the reader typed is still there, and the check can be pressed again.
    await expect(editor).toHaveValue(HANG_BODY);
    await expect(check).toBeEnabled();
    const shot = info.outputPath('own-kernel-time-limit.png');
    await panel.screenshot({ path: shot, timeout: 120_000 });
    await info.attach('own-kernel-time-limit', { path: shot, contentType: 'image/png' });

    // The restarted engine runs the lab's sweep to the end (once the stopped dispatch is done).
    await expect(runButton).toBeEnabled({ timeout: 120_000 });
    await runButton.click({ timeout: 120_000 });
    const status = page.getByTestId('run-status');
    await expect(status).toHaveText(/^(Done|Cancelled|Failed)/, { timeout: 180_000 });
    await expect(status).toHaveText(/^Done: 1 point/);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
