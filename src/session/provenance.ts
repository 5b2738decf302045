import { version as appVersion } from '../../package.json';
import type { BackendReport } from '../engine/backend';
import { reportProvenance } from '../engine/results';

/**
 * Where a result the page shows was produced, for its downloads: the engine's backend report
 * and the browser, with the field names the worker's sweep provenance uses (worker/sweepJobs.ts)
 * so files from the lab, the other screens and the CLI read alike; `source: 'page'` tells them
 * apart from the CLI's.
 */

export interface PageEnvironment {
  userAgent: string;
  appVersion: string;
  /** ISO date. */
  date: string;
}

export const browserEnvironment = (): PageEnvironment => ({
  userAgent: globalThis.navigator?.userAgent ?? 'unknown',
  appVersion,
  date: new Date().toISOString(),
});

export function pageProvenance(
  report: BackendReport | null,
  env: PageEnvironment = browserEnvironment(),
): Record<string, unknown> {
  const engine = report
    ? reportProvenance(report)
    : { backend: null, backendReason: null, adapter: null, limits: null, tfjsVersion: null };
  return { source: 'page', ...engine, ...env };
}
