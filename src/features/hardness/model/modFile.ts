import { type Fields, isObject } from '../../../core/fieldChecks';
import { FileSchemaError } from '../../../core/schemas/issues';
import { parseJsonText, responseJson } from '../../../core/schemas/jsonText';
import {
  checkHardnessRequest,
  type ModExperiment,
  type ModPoint,
} from '../../../worker/hardnessProtocol';

/**
 * The Mixture-of-Depths measurement shipped in public/precomputed/mod.json, written by
 * `npm run --silent cli -- hardness mod … --out public/precomputed/mod.json` (the worker's job
 * run in Node): one run per capacity, with where and when it was measured. Read and checked
 * before it is shown; a bad file is a message, never a crash.
 */

export const MOD_PRECOMPUTED_URL = 'precomputed/mod.json';

/** The stated limit of a Mixture-of-Depths file (the shipped one is a few kB). */
export const MOD_MAX_BYTES = 4 * 1024 * 1024;

export interface ModRun {
  experiment: ModExperiment;
  points: ModPoint[];
  /** Wall seconds the run took. */
  seconds?: number;
}

export interface ModFile {
  kind: 'mod';
  runs: ModRun[];
  /** backend, cpu, node, date, command… (the CLI's nodeProvenance). */
  provenance: Record<string, unknown>;
}

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

function isTime(x: unknown): boolean {
  return (
    isObject(x) &&
    positive(x.msMedian) &&
    positive(x.msMin) &&
    positive(x.msMax) &&
    (x.msMin as number) <= (x.msMedian as number) &&
    (x.msMedian as number) <= (x.msMax as number)
  );
}

function pointProblem(p: unknown, e: ModExperiment): string | null {
  if (!isObject(p)) return 'is not an object';
  if (!e.ns.includes(p.n as number)) return `has n = ${String(p.n)}, not one of the run's S`;
  if (
    !Number.isInteger(p.routed) ||
    (p.routed as number) < 1 ||
    (p.routed as number) > (p.n as number)
  ) {
    return 'has no routed count C in [1, S]';
  }
  if (!isTime(p.full) || !isTime(p.routedTime)) return 'lacks a positive time (min ≤ median ≤ max)';
  if (!positive(p.fullFlops) || !positive(p.routedFlops)) return 'lacks its FLOPs';
  return null;
}

function runProblem(r: unknown): string | null {
  if (!isObject(r)) return 'is not an object';
  const request = checkHardnessRequest({ experiment: r.experiment });
  if (request) return `has a bad experiment: ${request}`;
  if (!isObject(r.experiment) || r.experiment.kind !== 'mod') return 'is not a mod experiment';
  const e = r.experiment as unknown as ModExperiment;
  if (!Array.isArray(r.points) || r.points.length < 2) return 'has fewer than two points';
  for (const [i, p] of r.points.entries()) {
    const problem = pointProblem(p, e);
    if (problem) return `point ${i + 1} ${problem}`;
  }
  return new Set(r.points.map((p: Fields) => p.n)).size === r.points.length ? null : 'repeats an S';
}

/** The file, or why it cannot be shown. */
export function parseModFile(data: unknown): ModFile | string {
  if (!isObject(data)) return 'the file is not a JSON object';
  if (data.kind !== 'mod') return 'the file is not a Mixture-of-Depths measurement';
  if (!Array.isArray(data.runs) || data.runs.length === 0) return 'the file has no runs';
  for (const [i, r] of data.runs.entries()) {
    const problem = runProblem(r);
    if (problem) return `run ${i + 1} ${problem}`;
  }
  if (!isObject(data.provenance)) return 'the file has no "provenance"';
  return data as unknown as ModFile;
}

/** The file's text, parsed and checked. */
export function readModText(text: string): ModFile | string {
  let data: unknown;
  try {
    data = parseJsonText(text, MOD_MAX_BYTES);
  } catch (err) {
    return err instanceof FileSchemaError ? `the file is ${err.why}` : String(err);
  }
  return parseModFile(data);
}

/** The run at this capacity, else the first one (the file holds at least one). */
export const runFor = (file: ModFile, capacity: number): ModRun =>
  file.runs.find((r) => r.experiment.capacity === capacity) ?? file.runs[0];

export async function loadModFile(fetchImpl: typeof fetch = fetch): Promise<ModFile> {
  const response = await fetchImpl(MOD_PRECOMPUTED_URL);
  const parsed = parseModFile(await responseJson(response, MOD_PRECOMPUTED_URL, MOD_MAX_BYTES));
  if (typeof parsed === 'string') throw new Error(`${MOD_PRECOMPUTED_URL}: ${parsed}`);
  return parsed;
}
