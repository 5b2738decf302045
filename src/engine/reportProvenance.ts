import type { BackendReport } from './backend';

/**
 * The backend report's fields that every result's provenance carries: the page's downloads, the
 * worker's sweeps and the CLI's files. Type-only import: the page shell loads this without tfjs.
 */
export const reportProvenance = (report: BackendReport) => ({
  backend: report.name,
  backendReason: report.reason,
  adapter: report.adapter,
  limits: report.limits,
  tfjsVersion: report.tfjsVersion,
});
