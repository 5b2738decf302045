import { isObject } from '../../core/fieldChecks';

/**
 * The machine behind a reference run, from the host its CLI recorded (`bench --precompute`
 * writes provenance.referenceRun.host): "a 2-core AMD EPYC host", or null for other files.
 */
export function hostOf(provenance: Record<string, unknown>): string | null {
  const run = provenance.referenceRun;
  if (!isObject(run) || !isObject(run.host)) return null;
  const { cpuCores, cpuModel } = run.host;
  if (typeof cpuCores !== 'number' || typeof cpuModel !== 'string') return null;
  return `a ${cpuCores}-core ${cpuModel.trim()} host`;
}
