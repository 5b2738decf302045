import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { messageOf } from '../core/messageOf';
import { type LabDoc, validateLabDoc } from './benchLabDoc';
import { type BrowserBenchPlan, DEFAULT_CHROMIUM, labUrl, progressText } from './benchPlan';
import { buildIfStale, startPreview, stopPreview, stripAnsi } from './benchServer';
import { CHROMIUM_ARGS } from './chromiumArgs';
import { type FirstPaint, measureFirstPaint } from './firstPaint';
import { checkOutputPath } from './output';

/**
 * `npm run bench -- --browser`: the benchmark as a visitor sees it. Builds the app when its
 * folder is stale, serves it with `vite preview`, measures the first paint of the page shell
 * with its pre-computed charts in a fresh context, then opens the complexity lab in headless
 * Chromium (WebGPU on whatever GPU Chromium finds; SwiftShader on a machine without one),
 * clicks Run, waits for "Done", clicks "Download JSON" and checks and keeps that file.
 * The plan (flags, URL) is in benchPlan.ts, the document's checks in benchLabDoc.ts, the
 * processes in benchServer.ts.
 */

/** The first line of an error's message, without terminal colours (Playwright adds both). */
export function firstLine(err: unknown): string {
  const text = messageOf(err);
  return stripAnsi(text).split('\n')[0].trim();
}

/** Wait until a button is enabled (Playwright's locator waits only for actions). */
async function expectEnabled(button: Locator, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (await button.isDisabled()) {
    if (performance.now() > deadline) {
      throw new Error(`"Run" stayed disabled for ${timeoutMs / 1000} s (the engine did not start)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What the lab shows now: status text, running or not, rows so far, its progress line. */
interface PageState {
  status: string;
  running: boolean;
  /** Rows in the table (measured and refused). */
  rows: number;
  /** The lab's progress line ("dense, n = 256, step 3 of 12, about 4 s left"). */
  progress: string | null;
}

/** Console errors of the page and its workers, and whether it crashed. */
export interface PageWatch {
  consoleErrors: string[];
  crashed: () => boolean;
}

export function watchPage(page: Page): PageWatch {
  const consoleErrors: string[] = [];
  let crashed = false;
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) =>
    w.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`worker: ${m.text()}`);
    }),
  );
  page.on('crash', () => {
    crashed = true;
  });
  return { consoleErrors, crashed: () => crashed };
}

function stateReader(page: Page, runButton: Locator): () => Promise<PageState> {
  const status = page.getByTestId('run-status');
  const bar = page.getByRole('progressbar');
  const rows = page.getByRole('table', { name: 'Results' }).locator('tbody tr');
  const progressLine = page.getByTestId('run-progress');
  const text = async (l: Locator) =>
    (await l.count()) > 0 ? ((await l.first().textContent()) ?? '').trim() : '';
  return async () => ({
    status: await text(status),
    running: (await bar.count()) > 0 || (await runButton.isDisabled()),
    rows: await rows.count(),
    progress: (await text(progressLine)) || null,
  });
}

/**
 * Open the lab at `url`, click Run, wait for "Done", download the JSON and check it. With
 * plan.keepPartial, a run past its time limit is cancelled and its rows so far are kept.
 */
async function runLab(
  page: Page,
  url: string,
  plan: BrowserBenchPlan,
  watch: PageWatch,
  log: (line: string) => void,
): Promise<{ doc: LabDoc; timedOut: boolean }> {
  await page.goto(url);
  const runButton = page.getByRole('button', { name: 'Run', exact: true });
  await runButton.waitFor({ state: 'visible', timeout: 60_000 }).catch((err: unknown) => {
    throw new Error(`the page shows no "Run" button within 60 s (${firstLine(err)})`);
  });
  // The engine starts in the worker (shader compilation on a software GPU takes seconds).
  await expectEnabled(runButton, 120_000);
  const total = plan.run.variants.length * plan.run.ns.length;
  const readState = stateReader(page, runButton);
  const before = await readState();
  await runButton.click();
  // The lab asks before a run whose slowest call is estimated over 10 s; the bench means it.
  const anyway = page.getByRole('button', { name: 'Run anyway', exact: true });
  await anyway.waitFor({ state: 'visible', timeout: 3000 }).then(
    () => anyway.click(),
    () => undefined,
  );
  const deadline = performance.now() + plan.timeoutMs;
  let sawRunning = false;
  let timedOut = false;
  let shown = '';
  let state = before;
  for (;;) {
    if (watch.crashed()) throw new Error('the page crashed during the run');
    state = await readState();
    sawRunning ||= state.running;
    const final = /^(Done|Cancelled|Failed)/.test(state.status);
    if (final && !state.running && (sawRunning || state.status !== before.status)) break;
    const line = progressText(state.rows, total, state.progress);
    if (line !== shown && state.running) {
      log(line);
      shown = line;
    }
    if (performance.now() > deadline && plan.keepPartial) {
      // Keep what was measured: Cancel (the lab stops the engine if the call does not yield),
      // then download the rows so far.
      log(
        `time limit of ${plan.timeoutMs / 1000} s reached: cancelling, keeping ${state.rows} rows`,
      );
      await page.getByRole('button', { name: 'Cancel', exact: true }).click({ timeout: 10_000 });
      timedOut = true;
      await waitForFinal(readState, 120_000);
      break;
    }
    if (performance.now() > deadline) {
      throw new Error(
        `no "Done" within ${plan.timeoutMs / 1000} s (status "${state.status}", ${state.rows}/${total} rows; --timeout to wait longer)`,
      );
    }
    await page.waitForTimeout(1000);
  }
  if (!state.status.startsWith('Done') && !timedOut) {
    const extra = watch.consoleErrors[0] ? `; ${watch.consoleErrors[0]}` : '';
    throw new Error(`the lab's run ended "${state.status}"${extra}`);
  }
  log(`run done: ${state.status}`);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Download JSON', exact: true }).click({ timeout: 30_000 }),
  ]).catch((err: unknown) => {
    throw new Error(`"Download JSON" gave no file within 30 s (${firstLine(err)})`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(await download.path(), 'utf8'));
  } catch (err) {
    throw new Error(`the downloaded JSON does not parse: ${(err as Error).message}`);
  }
  const doc = validateLabDoc(parsed, {
    variants: plan.run.variants,
    ns: plan.run.ns,
    backend: plan.backend,
    partial: timedOut,
  });
  return { doc, timedOut };
}

/** Poll until the lab no longer runs (after a Cancel), or throw after `timeoutMs`. */
async function waitForFinal(readState: () => Promise<PageState>, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while ((await readState()).running) {
    if (performance.now() > deadline)
      throw new Error(`Cancel did not end the run within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface BrowserRunResult {
  doc: LabDoc;
  /** The run passed its time limit and was cancelled: doc holds the rows measured before. */
  timedOut: boolean;
  /** The page shell's first paint with its pre-computed charts, in a fresh context. */
  firstPaint: FirstPaint;
  browserVersion: string;
  userAgent: string;
  consoleErrors: string[];
  url: string;
  seconds: number;
  built: boolean;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  const executablePath = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  } catch (err) {
    throw new Error(
      `cannot start Chromium at ${executablePath} (set CHROMIUM_PATH): ${firstLine(err)}`,
    );
  }
}

/**
 * Build if needed, serve, measure the first paint, open the lab, click Run, wait for Done,
 * download the JSON and check it. Throws an Error (exit 1) when anything on the way fails.
 */
export async function runInBrowser(
  plan: BrowserBenchPlan,
  log: (line: string) => void,
): Promise<BrowserRunResult> {
  const started = performance.now();
  const built = await buildIfStale(plan.dist, log);
  const preview = await startPreview(plan.dist, plan.port);
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    // A first visit: its own context (cold cache), before the run loads the machine.
    const fresh = await browser.newContext();
    const firstPaint = await measureFirstPaint(await fresh.newPage(), preview.url);
    await fresh.close();
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const watch = watchPage(page);
    const url = labUrl(preview.url, plan.run, plan.backend);
    log(`opening ${url}`);
    const { doc, timedOut } = await runLab(page, url, plan, watch, log);
    return {
      doc,
      timedOut,
      firstPaint,
      browserVersion: browser.version(),
      userAgent: await page.evaluate(() => navigator.userAgent),
      consoleErrors: watch.consoleErrors,
      url: url.replace(preview.url, './'),
      seconds: (performance.now() - started) / 1000,
      built,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await stopPreview(preview);
  }
}

/** Make the output folder for the default paths; check the target before any work. */
export function prepareOutput(plan: BrowserBenchPlan): void {
  if (!plan.outputGiven) mkdirSync(dirname(plan.output), { recursive: true });
  checkOutputPath(plan.output);
}
