import { isObject } from '../../core/fieldChecks';
import { responseJson } from '../../core/schemas/jsonText';
import { RESULT_LIMITS } from '../../core/schemas/sweepResult';
import type { SweepFit, SweepRow } from '../../engine/sweep';
import type { SweepJobConfig } from '../../worker/sweepProtocol';
import { resultSetOf } from './resultFiles';

/**
 * The pre-computed run shipped in public/precomputed/complexity.json (the CLI's or the bench's
 * sweep JSON: {config?, rows, fits, provenance}), read and checked before it is shown.
 */

export const PRECOMPUTED_URL = 'precomputed/complexity.json';

export interface ResultSet {
  config: SweepJobConfig;
  rows: SweepRow[];
  fits: SweepFit[];
  provenance: Record<string, unknown>;
}

/** "Loaded run.json: measured on webgpu, Google swiftshader, 2025-01-31". */
export function loadedNotice(name: string, provenance: Record<string, unknown>): string {
  return `Loaded ${name}: measured on ${whereMade(provenance)}, ${dateOf(provenance)}`;
}

/** "webgpu, Google swiftshader (software)" / "wasm, Intel Xeon" — where a result was made. */
export function whereMade(p: Record<string, unknown>): string {
  const backend = typeof p.backend === 'string' ? p.backend : 'an unknown backend';
  const a = isObject(p.adapter) ? p.adapter : null;
  if (a) {
    const name = [a.vendor, a.architecture].filter((x) => typeof x === 'string' && x).join(' ');
    const soft = a.isFallbackAdapter === true ? ' (software adapter)' : '';
    return `${backend}, ${name || 'an adapter that gives no name'}${soft}`;
  }
  if (typeof p.cpu === 'string') return `${backend}, ${p.cpu}`;
  if (typeof p.userAgent === 'string') return `${backend}, ${p.userAgent}`;
  return backend;
}

export function dateOf(p: Record<string, unknown>): string {
  if (typeof p.date !== 'string') return 'an unknown date';
  const d = new Date(p.date);
  return Number.isNaN(d.getTime()) ? p.date : d.toISOString().slice(0, 10);
}

export async function loadPrecomputed(fetchImpl: typeof fetch = fetch): Promise<ResultSet> {
  const response = await fetchImpl(PRECOMPUTED_URL);
  const data = await responseJson(response, PRECOMPUTED_URL, RESULT_LIMITS.fileBytes);
  const parsed = resultSetOf(data);
  if (typeof parsed === 'string') throw new Error(`${PRECOMPUTED_URL} cannot be shown: ${parsed}`);
  return parsed;
}
