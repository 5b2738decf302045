import { arch, cpus, platform, release } from 'node:os';
import type { BackendReport } from '../engine/backend';
import { reportProvenance } from '../engine/reportProvenance';

/** Where a CLI result was produced: the backend and the machine (merged into provenance). */
export function nodeProvenance(report: BackendReport) {
  return {
    ...reportProvenance(report),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    date: new Date().toISOString(),
  };
}
