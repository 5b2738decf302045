import { cpus, platform, release } from 'node:os';
import type { BackendReport } from '../engine/backend';

/** Where and how a CLI result was produced. */
export function nodeProvenance(report: BackendReport) {
  return {
    backend: report.name,
    backendReason: report.reason,
    adapter: report.adapter,
    tfjsVersion: report.tfjsVersion,
    runtime: `node ${process.version}`,
    platform: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    date: new Date().toISOString(),
  };
}
