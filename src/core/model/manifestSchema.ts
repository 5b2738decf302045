import * as v from 'valibot';
import { bool, intIn, listOf, object, shortString, text } from '../schemas/fields';
import { expected, shown } from '../schemas/issues';
import { configProblem } from './config';
import type { ModelConfig, ModelInfo } from './trace';

/**
 * The schemas of the shipped model files: `public/models/<id>.json` (a manifest) and
 * `public/models/index.json` (the picker's list). They check each field on its own; what needs
 * the bin bytes or the tensor list a configuration implies (byte length, checksum, each tensor's
 * name, shape and offset, finiteness) is checked by the decoder in ./weights after the parse.
 * Pure (valibot only): the page, the worker, the CLI and tests share it.
 */

export const MODEL_FORMAT = 'attention-explorer-model';
export const INDEX_FORMAT = 'attention-explorer-models';
export const FORMAT_VERSION = 1;

/** What a model file may hold; beyond these a file is refused with the limit it broke. */
export const MODEL_LIMITS = {
  labelChars: 80,
  /** The bin file's name (the loader ignores it and reads `<id>.bin`). */
  binChars: 64,
  /** 4 GiB: no browser holds a larger bin file in one buffer. */
  bytes: 2 ** 32,
  /** The most tensors a configuration has (13 per layer at 32 layers, and a few more). */
  tensors: 512,
  tensorNameChars: 64,
  /** Dimensions per tensor shape (the model's tensors have 1 or 2). */
  shapeDims: 4,
  /** One dimension: above every configuration limit (vocab, context, dModel, dMlp). */
  dim: 2 ** 20,
  /** Models listed in the index. */
  models: 256,
  /** Training provenance: entries, name length, text length. */
  trainingEntries: 64,
  trainingKeyChars: 64,
  trainingTextChars: 512,
} as const;

const L = MODEL_LIMITS;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const CHECKSUM_PATTERN = /^[0-9a-f]{8}$/;

/**
 * A whole file's object message: valibot also reports a missing key with it (the issue then has
 * a path), which reads as fields.ts's object() says it.
 */
const fileMessage =
  (what: (input: unknown) => string) =>
  (issue: { input: unknown; path?: unknown }): string =>
    issue.path ? 'missing (a required field)' : what(issue.input);

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A non-negative integer ≤ max, said as such (not as a range ending in 2^32). */
const count = (max: number, what: string) =>
  v.pipe(
    v.number(expected(what)),
    v.integer(expected(what)),
    v.minValue(0, expected(what)),
    v.maxValue(max, expected(`${what} ≤ ${max}`)),
  );

const idSchema = v.pipe(
  v.string(expected('a model id (a string)')),
  v.regex(
    ID_PATTERN,
    expected('a model id: 1 to 40 lowercase letters, digits and dashes, not starting with a dash'),
  ),
);

/** Any object whose fields the forward passes support; the message is configProblem's. */
const configSchema = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, expected('an object')),
  // A copy without __proto__ / constructor keys, as every other object field gets.
  v.transform((c) => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(c)) {
      if (key !== '__proto__' && key !== 'constructor' && key !== 'prototype') out[key] = c[key];
    }
    return out as unknown as ModelConfig;
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = configProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

const ACCURACY = 'null or a number in [0, 1]';
const accuracySchema = v.nullable(
  v.pipe(
    v.number(expected(ACCURACY)),
    v.finite(expected(ACCURACY)),
    v.minValue(0, expected(ACCURACY)),
    v.maxValue(1, expected(ACCURACY)),
  ),
);

/**
 * Training provenance: names → text or numbers, few and short (the picker lists them). The
 * names are bounded before the record is read, so a refusal's field path stays short.
 */
const trainingSchema = v.nullable(
  v.pipe(
    v.custom<Record<string, unknown>>(isRecord, expected('null or an object')),
    v.check(
      (t) => Object.keys(t).length <= L.trainingEntries,
      (i) =>
        `expected at most ${L.trainingEntries} entries, got ${Object.keys(i.input as object).length}`,
    ),
    v.check(
      (t) => Object.keys(t).every((k) => k.length >= 1 && k.length <= L.trainingKeyChars),
      `expected entry names of 1 to ${L.trainingKeyChars} characters`,
    ),
    v.record(
      v.string(),
      v.union(
        [
          text(L.trainingTextChars),
          v.pipe(v.number(), v.finite(expected('text or a finite number'))),
        ],
        expected('text or a finite number'),
      ),
    ),
  ),
);

/** One model as the picker lists it (in a manifest's `info` and in the index). */
export const ModelInfoSchema = object({
  id: idSchema,
  label: shortString(L.labelChars),
  config: configSchema,
  trained: bool(),
  accuracy: accuracySchema,
  training: trainingSchema,
});

// The schema's output is a ModelInfo (trace.ts keeps the interface the rest of the app uses).
true satisfies v.InferOutput<typeof ModelInfoSchema> extends ModelInfo ? true : false;

export const ManifestTensorSchema = object({
  name: shortString(L.tensorNameChars),
  shape: v.pipe(
    listOf(intIn([1, L.dim]), L.shapeDims),
    v.minLength(1, expected('at least one dimension')),
  ),
  /** Offset in float32 elements from the start of the bin file. */
  offset: count(L.bytes / 4, 'a non-negative integer'),
});

export const ModelManifestSchema = v.object(
  {
    format: v.literal(
      MODEL_FORMAT,
      (i) => `not a model manifest (expected "${MODEL_FORMAT}", got ${shown(i.input)})`,
    ),
    version: v.literal(FORMAT_VERSION, expected(`format version ${FORMAT_VERSION}`)),
    info: ModelInfoSchema,
    dtype: v.literal('float32', expected('"float32"')),
    /** The bin file's name, relative to the manifest. */
    bin: shortString(L.binChars),
    byteLength: v.pipe(
      count(L.bytes, 'a non-negative integer'),
      v.multipleOf(4, expected('a multiple of 4 (float32 values)')),
    ),
    /** FNV-1a 32 of the bin bytes, 8 hex digits. */
    checksum: v.pipe(
      v.string(expected('8 lowercase hex digits')),
      v.regex(CHECKSUM_PATTERN, expected('8 lowercase hex digits')),
    ),
    tensors: listOf(ManifestTensorSchema, L.tensors),
  },
  fileMessage((input) => `not a model manifest (expected an object, got ${shown(input)})`),
);

export const ModelIndexSchema = v.object(
  {
    format: v.literal(INDEX_FORMAT, expected(`"${INDEX_FORMAT}"`)),
    models: listOf(ModelInfoSchema, L.models),
  },
  fileMessage(
    (input) => `expected { format: "${INDEX_FORMAT}", models: [...] }, got ${shown(input)}`,
  ),
);

export type ManifestTensor = v.InferOutput<typeof ManifestTensorSchema>;
export type ModelManifest = v.InferOutput<typeof ModelManifestSchema>;
export type ModelIndex = v.InferOutput<typeof ModelIndexSchema>;
