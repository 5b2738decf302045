import { expect, offOrigin, test, waitForBackend } from './fixtures';

/** Served from a deep sub-path (as on a static host), the relative build still finds everything. */
const PREFIX = '/deep/er/sub/';

test('the build works from a sub-path', async ({ page, log, baseURL }) => {
  await page.context().route(`**${PREFIX}**`, async (route) => {
    const url = new URL(route.request().url());
    url.pathname = `/${url.pathname.slice(PREFIX.length)}`;
    await route.fulfill({ response: await route.fetch({ url: url.href }) });
  });
  await page.goto(`${baseURL}${PREFIX}?backend=wasm`);
  expect(await waitForBackend(page)).toBe('wasm');
  const paths = log.requests.map((u) => new URL(u).pathname).filter((p) => p !== '/favicon.ico');
  expect(
    paths.every((p) => p.startsWith(PREFIX)),
    paths.join('\n'),
  ).toBe(true);
  expect(paths.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(offOrigin(log.requests, new URL(page.url()).origin)).toEqual([]);
  expect(log.errors).toEqual([]);
});
