import * as v from 'valibot';
import { INPUT_KINDS } from '../inputs';
import { SEED_RANGE } from '../rng';
import {
  bool,
  finite,
  intIn,
  listOf,
  looseObject,
  nonNegative,
  object,
  positive,
  shortString,
  text,
} from './fields';
import { expected, FileSchemaError, parseOrThrow } from './issues';
import { OwnKernelSchema } from './ownKernel';

/**
 * A sweep result file: what the lab's Download JSON, the bench and `npm run cli -- sweep` write
 * ({config?, rows, fits, provenance}), and what "Open results", "Compare" and the pre-computed
 * run read back. One schema for writers and readers, so a file one side accepts the other draws.
 * Pure (valibot only): the page, the worker, the CLI and tests share it.
 */

/** What a result file may hold; beyond these a file is refused with the limit it broke. */
export const RESULT_LIMITS = {
  /** Checked before the text is read or parsed. */
  fileBytes: 32 * 1024 * 1024,
  rows: 100_000,
  /** Distinct variants in one file (each is a legend entry and a line in three charts). */
  variants: 64,
  nameChars: 64,
  /** Timed repeats kept per row. */
  repeats: 1000,
  n: [1, 2 ** 31],
  /** The lab's own limits: a file cannot claim a run the lab could not have made. */
  d: [1, 256],
  heads: [1, 16],
  /** Times in ms: 1 ns … about 11 days (a log axis over 16 decades at most). */
  ms: [1e-6, 1e9],
  bytes: 2 ** 53,
  flops: 1e24,
  textChars: 512,
  /** A loaded input file's name (the lab's own Q, K, V). */
  inputNameChars: 200,
} as const;

const L = RESULT_LIMITS;
const name = () => shortString(L.nameChars);
const n = () => intIn(L.n);
const ms = () => positive(L.ms[1], L.ms[0]);
const nullableNonNegative = () => v.optional(v.nullable(nonNegative()), null);

const ordered = (r: { msMin: number; msMedian: number; msMax: number }) =>
  r.msMin <= r.msMedian && r.msMedian <= r.msMax;

export const MeasuredRowSchema = v.pipe(
  object({
    variant: name(),
    n: n(),
    refused: v.optional(v.undefined()),
    msMedian: ms(),
    msMin: ms(),
    msMax: ms(),
    msAll: v.optional(listOf(ms(), L.repeats), []),
    kernelMs: v.optional(v.nullable(ms())),
    wallMs: v.optional(ms()),
    peakBytes: v.pipe(nonNegative(), v.maxValue(L.bytes, expected(`at most ${L.bytes}`))),
    analyticBytes: positive(L.bytes),
    analyticFlops: positive(L.flops),
    relError: nullableNonNegative(),
    maxAbsError: nullableNonNegative(),
    errorReference: v.optional(
      v.nullable(v.picklist(['dense', 'float64'], expected('"dense", "float64" or null'))),
      null,
    ),
  }),
  v.forward(
    v.partialCheck([['msMin'], ['msMedian'], ['msMax']], ordered, (i) => {
      const r = i.input as { msMin: number; msMedian: number; msMax: number };
      return `expected msMin ≤ msMedian ≤ msMax, got ${r.msMin} ≤ ${r.msMedian} ≤ ${r.msMax}`;
    }),
    ['msMedian'],
  ),
);

export const RefusedRowSchema = object({
  variant: name(),
  n: n(),
  refused: shortString(L.textChars),
});

export type MeasuredFileRow = v.InferOutput<typeof MeasuredRowSchema>;
export type RefusedFileRow = v.InferOutput<typeof RefusedRowSchema>;

/** A refused row carries a `refused` reason; every other row must be fully measured. */
export const SweepRowSchema = v.lazy(
  (input): v.GenericSchema<unknown, MeasuredFileRow | RefusedFileRow> =>
    typeof input === 'object' && input !== null && 'refused' in input && input.refused !== undefined
      ? RefusedRowSchema
      : MeasuredRowSchema,
);

export const SweepFitSchema = object({
  variant: name(),
  slope: v.nullable(finite()),
  intercept: v.nullable(finite()),
  r2: v.nullable(finite()),
  points: intIn([0, L.rows]),
  nMin: v.nullable(n()),
  nMax: v.nullable(n()),
});

const paramsSchema = v.pipe(
  v.record(
    name(),
    v.pipe(v.record(name(), finite(), expected('an object of numbers'))),
    expected('an object'),
  ),
  v.check((p) => Object.keys(p).length <= L.variants, `more than ${L.variants} variants`),
);

/** The file of Q, K, V a run measured (the lab's "your file"), instead of generated inputs. */
export const InputFileSchema = object({
  name: shortString(L.inputNameChars),
  shape: v.pipe(
    listOf(intIn([1, L.n[1]]), 4),
    v.minLength(1, expected('a list of 1 to 4 positive integers')),
  ),
  dtype: v.picklist(['float32', 'float64'], expected('"float32" or "float64"')),
  sha256: v.pipe(
    v.string(expected('64 lowercase hex digits')),
    v.regex(/^[0-9a-f]{64}$/, expected('64 lowercase hex digits')),
  ),
});

/** The request fields, in `config` (the page's files) or `provenance` (the CLI's). */
const configEntries = {
  variants: v.optional(listOf(name(), L.variants)),
  ns: v.optional(listOf(n(), L.rows)),
  d: v.optional(intIn(L.d)),
  dv: v.optional(intIn(L.d)),
  heads: v.optional(intIn(L.heads)),
  causal: v.optional(bool()),
  inputKind: v.optional(v.picklist(INPUT_KINDS, expected(`one of ${INPUT_KINDS.join(', ')}`))),
  seed: v.optional(intIn(SEED_RANGE)),
  repeats: v.optional(intIn([1, L.repeats])),
  params: v.optional(paramsSchema),
  inputFile: v.optional(InputFileSchema),
  /** The researcher's own kernel, whole: the file reproduces it. */
  ownKernel: v.optional(OwnKernelSchema),
};

const optionalText = () => v.optional(text(L.textChars));

export const ProvenanceSchema = looseObject({
  ...configEntries,
  backend: optionalText(),
  date: optionalText(),
  cpu: optionalText(),
  userAgent: optionalText(),
  adapter: v.optional(
    v.nullable(
      looseObject({
        vendor: optionalText(),
        architecture: optionalText(),
        isFallbackAdapter: v.optional(bool()),
      }),
    ),
  ),
});

export const SweepFileSchema = object({
  config: v.optional(v.nullable(object(configEntries))),
  rows: v.pipe(
    listOf(SweepRowSchema, L.rows),
    v.minLength(1, 'the file has no rows (expected at least one)'),
  ),
  fits: v.optional(listOf(SweepFitSchema, L.variants), []),
  provenance: ProvenanceSchema,
});

export type SweepFile = v.InferOutput<typeof SweepFileSchema>;
export type SweepFileRow = v.InferOutput<typeof SweepRowSchema>;

/** Checks a schema cannot say field by field: duplicates, the variant count, rows vs config. */
function checkRows(file: SweepFile): void {
  const seen = new Map<string, number>();
  const variants = new Set<string>();
  const listed = file.config?.variants ? new Set(file.config.variants) : null;
  const listedN = file.config?.ns ? new Set(file.config.ns) : null;
  for (const [i, r] of file.rows.entries()) {
    const key = `${r.variant}\u0000${r.n}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new FileSchemaError(
        `rows[${i}]`,
        `${r.variant} at n = ${r.n} appears twice (first at rows[${first}])`,
      );
    }
    seen.set(key, i);
    variants.add(r.variant);
    if (variants.size > L.variants) {
      throw new FileSchemaError(
        `rows[${i}].variant`,
        `more than ${L.variants} distinct variants (the charts draw one line per variant)`,
      );
    }
    if (listed && !listed.has(r.variant)) {
      throw new FileSchemaError(`rows[${i}].variant`, `${r.variant} is not in config.variants`);
    }
    if (listedN && !listedN.has(r.n)) {
      throw new FileSchemaError(`rows[${i}].n`, `${r.n} is not in config.ns`);
    }
  }
}

/** The checked file; throws FileSchemaError naming the first field that is wrong. */
export function parseSweepFile(data: unknown): SweepFile {
  const file = parseOrThrow(SweepFileSchema, data);
  checkRows(file);
  return file;
}
