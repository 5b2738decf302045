import type { Browser, Page } from '@playwright/test';
import { peerQuery } from '../peer/peerPlan';
import type { PeerReport } from '../peer/peerReport';
import { launchChromium, watchPage } from './browserBench';
import type { PeerBenchPlan } from './peerBenchPlan';
import { buildPeerPage, servePeerPage } from './peerPage';

/**
 * `bench --browser --peer` in the browser: build the peer page (src/peer/) into its own
 * folder, serve it, open it in headless Chromium with the plan in its query string, print its
 * progress and read back its report.
 */

export interface PeerRunResult {
  report: PeerReport;
  browserVersion: string;
  consoleErrors: string[];
  seconds: number;
}

async function readReport(page: Page): Promise<PeerReport | null> {
  return (await page.evaluate('window.peerReport ?? null')) as PeerReport | null;
}

async function waitForReport(
  page: Page,
  timeoutMs: number,
  crashed: () => boolean,
  log: (line: string) => void,
): Promise<PeerReport> {
  const deadline = performance.now() + timeoutMs;
  let shown = 0;
  for (;;) {
    if (crashed()) throw new Error('the peer page crashed');
    const report = await readReport(page);
    for (const line of report?.log.slice(shown) ?? []) log(line);
    shown = report?.log.length ?? 0;
    if (report?.done) return report;
    if (performance.now() > deadline) {
      throw new Error(`the peer page did not finish within ${timeoutMs / 1000} s (--timeout)`);
    }
    await page.waitForTimeout(1000);
  }
}

export async function runPeerPage(
  plan: PeerBenchPlan,
  log: (line: string) => void,
): Promise<PeerRunResult> {
  const started = performance.now();
  await buildPeerPage(plan.dist, log);
  const server = await servePeerPage(plan.dist, plan.port);
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const watch = watchPage(page);
    const url = `${server.url}${peerQuery(plan.peer)}`;
    log(`opening ${url}`);
    await page.goto(url);
    const report = await waitForReport(page, plan.timeoutMs, watch.crashed, log);
    return {
      report,
      browserVersion: browser.version(),
      // ORT prints its own notices as console errors; the bench keeps only the page's.
      consoleErrors: watch.consoleErrors.filter((e) => !/onnxruntime|\[profiling\]/.test(e)),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}
