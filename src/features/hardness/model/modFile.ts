import * as v from 'valibot';
import { messageOf } from '../../../core/messageOf';
import { intIn, looseObject, nonNegative, positive } from '../../../core/schemas/fields';
import { expected, FileSchemaError, parseOrThrow } from '../../../core/schemas/issues';
import { parseJsonText, responseJson } from '../../../core/schemas/jsonText';
import {
  HARDNESS_LIMITS,
  type ModExperiment,
  type ModPoint,
  modSchema,
  type TimeStats,
} from '../../../worker/hardnessProtocol';
import { crossCheck, expectedGot } from '../../../worker/requestFields';

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

const ordered = (t: TimeStats) => t.msMin <= t.msMedian && t.msMedian <= t.msMax;

/** A time's median, min and max: positive, min ≤ median ≤ max. */
const timeSchema = v.pipe(
  looseObject({ msMedian: positive(), msMin: positive(), msMax: positive() }),
  crossCheck((t) =>
    ordered(t)
      ? null
      : [
          ['msMedian'],
          `expected msMin ≤ msMedian ≤ msMax, got ${t.msMin} ≤ ${t.msMedian} ≤ ${t.msMax}`,
        ],
  ),
);

const pointSchema = looseObject({
  n: intIn(HARDNESS_LIMITS.mod.n),
  routed: intIn([1, HARDNESS_LIMITS.mod.n[1]]),
  full: timeSchema,
  routedTime: timeSchema,
  fullFlops: positive(),
  routedFlops: positive(),
});

/** One capacity's run: its points are the experiment's S, once each, with C ≤ S routed. */
const runSchema = v.pipe(
  looseObject({
    experiment: modSchema,
    points: v.pipe(
      v.array(pointSchema, expected('a list of points')),
      v.minLength(2, expected('at least two points')),
    ),
    seconds: v.optional(nonNegative()),
  }),
  crossCheck((r) => {
    const S = r.experiment.ns;
    for (const [i, p] of r.points.entries()) {
      if (!S.includes(p.n))
        return [['points', i, 'n'], expectedGot(`one of the run's S (${S.join(', ')})`, p.n)];
      if (p.routed > p.n)
        return [['points', i, 'routed'], expectedGot(`a routed count C ≤ S = ${p.n}`, p.routed)];
      if (r.points.findIndex((o) => o.n === p.n) !== i) {
        return [['points', i, 'n'], expectedGot('an S not already in the run', p.n)];
      }
    }
    return null;
  }),
);

const modFileSchema = looseObject(
  {
    kind: v.literal('mod', expected('"mod" (a Mixture-of-Depths measurement)')),
    runs: v.pipe(
      v.array(runSchema, expected('a list of runs')),
      v.minLength(1, expected('at least one run')),
    ),
    provenance: looseObject({}, 'an object (where and when it was measured)'),
  },
  'a JSON object',
);

/** The file, or why it cannot be shown ("runs[0].points[1].n: expected …, got 2048"). */
export function parseModFile(data: unknown): ModFile | string {
  try {
    parseOrThrow(modFileSchema, data);
    return data as ModFile; // loose objects: the file as it is, unknown fields kept
  } catch (err) {
    return messageOf(err);
  }
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
