import { arch, cpus, platform, release } from 'node:os';
import type { BackendReport } from '../engine/backend';

/** Where a CLI result was produced: the backend and the machine (merged into provenance). */
export function nodeProvenance(report: BackendReport) {
  return {
    backend: report.name,
    backendReason: report.reason,
    adapter: report.adapter,
    tfjsVersion: report.tfjsVersion,
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    date: new Date().toISOString(),
  };
}
