import type { Page } from '@playwright/test';
import { openHostPage } from './embedHost';
import { expect, snap, test } from './fixtures';

/**
 * Reader-sized embeds: the snippet made after a large sweep runs live only the capped sweep and
 * says so; each panel's iframe, at the snippet's height, fits its content at 700 px and 375 px
 * (no inner scrollbar), and the embed posts its height as a bare number.
 */

const BIG = '#screen=lab&variants=dense,linear&n=64,16384&repeats=5';

/** The Share dialog's snippet for one panel, after the big sweep's settings. */
async function snippetFor(page: Page, panel: string): Promise<{ src: string; height: number }> {
  await page.goto(`./${BIG}`);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await dialog.getByLabel('Embed one panel').selectOption(panel);
  const snippet = await dialog.getByTestId('share-snippet').inputValue();
  const src = (/src="([^"]+)"/.exec(snippet)?.[1] ?? '').replaceAll('&amp;', '&');
  const height = Number(/height="(\d+)"/.exec(snippet)?.[1]);
  return { src, height };
}

/** A host page with the snippet's iframe in a column of `width` px, recording posted messages. */
async function host(page: Page, src: string, width: number, height: number) {
  await page.setViewportSize({ width: width + 40, height: height + 40 });
  await openHostPage(
    page,
    `<script>window.heights=[];addEventListener('message',(e)=>heights.push(e.data))</script>` +
      `<iframe src="${src}" width="${width}" height="${height}" title="embed" style="border:0;display:block"></iframe>`,
  );
  return page.frameLocator('iframe');
}

test('after an n = 16384 sweep the embed runs live only the capped sweep, and says so', async ({
  page,
  context,
  log,
}, info) => {
  test.setTimeout(360_000);
  const app = await context.newPage();
  const { src } = await snippetFor(app, 'time');
  const plan = app.getByTestId('share-reader-plan');
  await expect(plan).toContainText("Capped from the author's n up to 16384 and 5 repeats");
  const capped = Number(/n = 64 … (\d+)/.exec((await plan.textContent()) ?? '')?.[1]);
  expect(capped).toBeGreaterThanOrEqual(128);
  expect(capped).toBeLessThan(16384);
  await app.close();

  const frame = await host(page, src, 700, 900);
  await expect(frame.getByTestId('embed-plan')).toContainText(
    `Run live measures dense, linear at n = 64 … ${capped}, 3 repeats`,
  );
  await expect(frame.getByTestId('embed-status')).toContainText(
    /^Reference run: measured on webgpu, .+, \d{4}-\d{2}-\d{2}\.$/,
  );
  await frame.getByRole('button', { name: 'Run live' }).click();
  const points = 2 * Math.log2(capped / 32);
  await expect(frame.getByTestId('embed-status')).toHaveText(
    new RegExp(
      `^Done: ${points} points measured in [\\d.]+ s\\. Measured on this device: webgpu, google swiftshader`,
    ),
    { timeout: 300_000 },
  );
  // The iframe's own hash now says what it ran: n capped, repeats 3.
  const hash = await frame.locator('main.embed').evaluate(() => location.hash);
  expect(hash).toContain(`n=64,${capped}`);
  expect(hash).toContain('repeats=3');
  await snap(page, info, 'embed-time-after-run-700');
  expect(log.errors).toEqual([]);
});

for (const panel of ['time', 'memory', 'error', 'frontier', 'table']) {
  test(`the ${panel} embed fits its iframe at 700 px and 375 px and posts its height`, async ({
    page,
    context,
  }, info) => {
    const app = await context.newPage();
    const { src, height } = await snippetFor(app, panel);
    await app.close();
    for (const width of [700, 375]) {
      const frame = await host(page, src, width, height);
      await expect(frame.getByRole('button', { name: 'Run live' })).toBeVisible();
      if (panel === 'table') await expect(frame.locator('table.lab-results')).toBeVisible();
      else await expect(frame.locator('.chart-svg').first()).toBeVisible();
      await page.waitForTimeout(300);
      const inner = await frame.locator('main.embed').evaluate(() => ({
        scroll: document.scrollingElement?.scrollHeight ?? 0,
        view: window.innerHeight,
      }));
      expect(inner.scroll, `${panel} at ${width} px`).toBeLessThanOrEqual(inner.view);
      const posted = await page.evaluate(
        () => (window as unknown as { heights: unknown[] }).heights,
      );
      expect(posted.length).toBeGreaterThan(0);
      for (const m of posted) {
        expect(Object.keys(m as object)).toEqual(['attentionExplorerHeight']);
        expect(typeof (m as { attentionExplorerHeight: unknown }).attentionExplorerHeight).toBe(
          'number',
        );
      }
      const last = posted.at(-1) as { attentionExplorerHeight: number };
      expect(last.attentionExplorerHeight).toBeLessThanOrEqual(height);
      info.annotations.push({
        type: 'height',
        description: `${panel} at ${width}: content ${last.attentionExplorerHeight} px, iframe ${height} px`,
      });
      console.log(
        `${panel} at ${width}: content ${last.attentionExplorerHeight} px, iframe ${height} px`,
      );
      await snap(page, info, `embed-${panel}-${width}`);
    }
    await snap(page, info, `embed-${panel}`);
  });
}
