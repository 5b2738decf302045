import { readFileSync } from 'node:fs';
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/**
 * Shared fixtures: every console error (page and worker) and every request is recorded, so a
 * test can assert there were none off-origin and no errors.
 */

export interface PageLog {
  errors: string[];
  requests: string[];
}

export const test = base.extend<{ log: PageLog }>({
  log: async ({ page }, use) => {
    const log: PageLog = { errors: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
    page.on('worker', (w) => {
      w.on('console', (m) => {
        if (m.type() === 'error') log.errors.push(`worker console: ${m.text()}`);
      });
    });
    page.context().on('request', (r) => log.requests.push(r.url()));
    await use(log);
  },
});

export { expect };

/** Requests that left the page's origin (data: and blob: URLs are local). */
export function offOrigin(requests: string[], origin: string): string[] {
  return requests.filter((u) => {
    const url = new URL(u);
    return url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin;
  });
}

/** Wait until the engine reports its backend. */
export async function waitForBackend(page: Page): Promise<string> {
  const name = page.getByTestId('backend-name');
  await expect(name).toBeVisible({ timeout: 60_000 });
  return (await name.textContent()) ?? '';
}

/** Full-page screenshot into this test's output folder, attached to the report. */
export async function snap(page: Page, info: TestInfo, name: string): Promise<string> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
  return path;
}

// biome-ignore lint/suspicious/noExplicitAny: a downloaded file, checked field by field
export type Json = any;

/** Click a download button: the file's suggested name and its content parsed as JSON. */
export async function downloadJson(
  page: Page,
  button: Locator,
): Promise<{ name: string; data: Json }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const data = JSON.parse(readFileSync((await file.path()) ?? '', 'utf8')) as Json;
  return { name: file.suggestedFilename(), data };
}
