import * as v from 'valibot';
import type { HeadBlock } from '../core/headBlock';
import { INPUT_KINDS, type InputKind } from '../core/inputs';
import { SEED_RANGE } from '../core/rng';
import { bool, finite, intIn, object, shortString } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import { OwnKernelSchema } from '../core/schemas/ownKernel';
import type { OwnKernel } from '../core/userKernel/ownKernel';
import { VARIANT_IDS } from '../core/variantSpecs';
import type { AdapterReport } from '../engine/backend';
import type { InputFileInfo } from '../engine/results';
import type { SweepFit, SweepProgress, SweepRow } from '../engine/sweep';
import {
  crossCheck,
  distinctList,
  expectedGot,
  type Fits,
  oneOf,
  pow2In,
  problemOf,
  requestId,
} from './requestFields';

export type { InputFileInfo };

/**
 * The sweep jobs' messages (pure: type-only imports from engine/). `sweep` runs variants × n;
 * `paramSweep` runs one variant at one n over a list of values of one of its parameters.
 * Both stream one `sweepProgress` before and after each point, and end with their result,
 * which carries the rows measured so far and an `error` when the sweep stopped on a failure
 * (out of memory, device lost): measured points are never thrown away.
 */

/** Bounds the worker accepts (n down to 16 for tests; the page offers 64 … 16384). */
export const SWEEP_LIMITS = {
  n: [16, 16384],
  d: [1, 256],
  heads: [1, 16],
  repeats: [1, 50],
  seed: SEED_RANGE,
  points: 400,
  paramValues: 32,
} as const;

/** Q, K, V sent with a request (float32 head blocks); each n of the sweep takes a prefix. */
export interface SweepInputs {
  q: HeadBlock<Float32Array>;
  k: HeadBlock<Float32Array>;
  v: HeadBlock<Float32Array>;
}

/** What the page sends; the worker adds the device limits. */
export interface SweepJobConfig {
  variants: string[];
  ns: number[];
  d: number;
  heads: number;
  causal: boolean;
  inputKind: InputKind;
  seed: number;
  repeats: number;
  params?: Record<string, Record<string, number>>;
  /** Set when the request carries `inputs` from this file (inputKind is then not used). */
  inputFile?: InputFileInfo;
  /** The researcher's own kernel, swept under its name where `variants` lists it (webgpu). */
  ownKernel?: OwnKernel;
}

export interface SweepRequest {
  type: 'sweep';
  id: number;
  config: SweepJobConfig;
  /** The user's Q, K, V (with config.inputFile); absent: generated from inputKind and seed. */
  inputs?: SweepInputs;
}

export interface ParamSweepRequest {
  type: 'paramSweep';
  id: number;
  /** Exactly one variant and one n. */
  config: SweepJobConfig;
  param: string;
  values: number[];
  inputs?: SweepInputs;
}

/** Where a browser result was produced, beside what the engine's sweep records. */
export interface BrowserProvenance extends Record<string, unknown> {
  backend: string;
  adapter: AdapterReport | null;
  userAgent: string;
  tfjsVersion: string;
  appVersion: string;
  d: number;
  heads: number;
  seed: number;
  repeats: number;
  date: string;
}

export type SweepProgressInfo = SweepProgress & {
  /** The parameter value of this point (paramSweep only). */
  value?: number;
};

export interface SweepProgressResponse extends SweepProgressInfo {
  type: 'sweepProgress';
  id: number;
}

export interface SweepOutcome {
  rows: SweepRow[];
  fits: SweepFit[];
  provenance: BrowserProvenance;
  cancelled: boolean;
  /** Why the sweep stopped early (rows hold what was measured before). */
  error?: string;
  /** Live tfjs tensors before and after the job (equal: nothing leaked). */
  tensors: { before: number; after: number };
}

export interface SweepResultResponse extends SweepOutcome {
  type: 'sweepResult';
  id: number;
}

export interface ParamPoint {
  value: number;
  row: SweepRow;
}

export interface ParamSweepOutcome {
  variant: string;
  param: string;
  n: number;
  points: ParamPoint[];
  provenance: BrowserProvenance;
  cancelled: boolean;
  error?: string;
  tensors: { before: number; after: number };
}

export interface ParamSweepResultResponse extends ParamSweepOutcome {
  type: 'paramSweepResult';
  id: number;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const INPUT_NAME_CHARS = 200;

/** The sweep config's own fields; engine checks (param ranges…) come later. */
const sweepConfigSchema = v.pipe(
  object({
    variants: distinctList(shortString(64), VARIANT_IDS.length + 1),
    ns: distinctList(pow2In(SWEEP_LIMITS.n), SWEEP_LIMITS.points),
    d: intIn(SWEEP_LIMITS.d),
    heads: intIn(SWEEP_LIMITS.heads),
    causal: bool(),
    inputKind: oneOf(INPUT_KINDS),
    seed: intIn(SWEEP_LIMITS.seed),
    repeats: intIn(SWEEP_LIMITS.repeats),
    params: v.optional(
      v.record(
        v.string(),
        v.record(v.string(), finite(), expected('an object of {name: number}')),
        expected('an object of variant → {name: number}'),
      ),
    ),
    inputFile: v.optional(
      object(
        {
          name: shortString(INPUT_NAME_CHARS),
          shape: v.pipe(
            v.array(
              v.pipe(
                v.number(expected('a positive integer')),
                v.safeInteger(expected('a positive integer')),
                v.minValue(1, expected('a positive integer')),
              ),
              expected('1 to 4 positive integers'),
            ),
            v.minLength(1, expected('1 to 4 positive integers')),
            v.maxLength(4, expected('1 to 4 positive integers')),
          ),
          dtype: oneOf(['float32', 'float64'], 'float32 or float64'),
          sha256: v.pipe(
            v.string(expected('64 lowercase hex digits')),
            v.regex(SHA256_HEX, expected('64 lowercase hex digits')),
          ),
        },
        'an object {name, shape, dtype, sha256}',
      ),
    ),
    ownKernel: v.optional(OwnKernelSchema),
  }),
  crossCheck((c) => {
    const own = c.ownKernel?.name;
    const stranger = c.variants.findIndex((id) => !VARIANT_IDS.includes(id) && id !== own);
    if (stranger >= 0) {
      const what = `one of ${VARIANT_IDS.join(', ')}${own ? ` or ${own}` : ''}`;
      return [['variants', stranger], expectedGot(what, c.variants[stranger])];
    }
    const points = c.variants.length * c.ns.length;
    if (points > SWEEP_LIMITS.points) {
      return [['ns'], expectedGot(`at most ${SWEEP_LIMITS.points} points per sweep`, points)];
    }
    const stray = Object.keys(c.params ?? {}).find((id) => !c.variants.includes(id));
    if (stray !== undefined) {
      const what = `the params of a variant in the sweep (${c.variants.join(', ')})`;
      return [['params', stray], expectedGot(what, stray)];
    }
    return null;
  }),
);

export const headBlockSchema = v.pipe(
  object(
    {
      heads: intIn(SWEEP_LIMITS.heads),
      n: intIn(SWEEP_LIMITS.n),
      width: intIn(SWEEP_LIMITS.d),
      data: v.pipe(
        v.instance(Float32Array, expected('a Float32Array')),
        crossCheck((data) => {
          const i = data.findIndex((x) => !Number.isFinite(x));
          return i < 0 ? null : [[i], expectedGot('a finite number', data[i])];
        }),
      ),
    },
    'a head block {heads, n, width, data}',
  ),
  crossCheck((b) => {
    const want = b.heads * b.n * b.width;
    return b.data.length === want
      ? null
      : [['data'], `expected heads × n × width = ${want} numbers, got ${b.data.length}`];
  }),
);

const inputsSchema = v.optional(
  object({ q: headBlockSchema, k: headBlockSchema, v: headBlockSchema }, 'an object {q, k, v}'),
);

type Key = string | number;

/** The request's inputs against its config: both or neither, shapes that fit, n enough. */
function inputsProblem(m: {
  config: v.InferOutput<typeof sweepConfigSchema>;
  inputs?: v.InferOutput<typeof inputsSchema>;
}): [Key[], string] | null {
  const c = m.config;
  const x = m.inputs;
  if (x === undefined) {
    return c.inputFile === undefined
      ? null
      : [['inputs'], 'expected q, k, v head blocks (config.inputFile is set), got nothing'];
  }
  if (c.inputFile === undefined) {
    return [['config', 'inputFile'], "expected the inputs' file (inputs are given), got nothing"];
  }
  for (const key of ['q', 'k', 'v'] as const) {
    const b = x[key];
    if (b.heads !== c.heads) {
      return [['inputs', key, 'heads'], expectedGot(`config.heads (${c.heads})`, b.heads)];
    }
    if (key !== 'v' && b.width !== c.d) {
      return [['inputs', key, 'width'], expectedGot(`config.d (${c.d})`, b.width)];
    }
    if (b.n !== x.q.n) return [['inputs', key, 'n'], expectedGot(`inputs.q.n (${x.q.n})`, b.n)];
  }
  const over = c.ns.findIndex((n) => n > x.q.n);
  return over < 0
    ? null
    : [['config', 'ns', over], expectedGot(`at most the inputs' n (${x.q.n})`, c.ns[over])];
}

export const sweepRequestSchema = v.pipe(
  object({
    type: v.literal('sweep'),
    id: requestId(),
    config: sweepConfigSchema,
    inputs: inputsSchema,
  }),
  crossCheck((m) => inputsProblem(m)),
);

export const paramSweepRequestSchema = v.pipe(
  object({
    type: v.literal('paramSweep'),
    id: requestId(),
    config: sweepConfigSchema,
    param: v.pipe(
      v.string(expected('a parameter name')),
      v.minLength(1, expected('a parameter name')),
    ),
    values: distinctList(finite(), SWEEP_LIMITS.paramValues),
    inputs: inputsSchema,
  }),
  crossCheck((m) => {
    const { variants, ns } = m.config;
    if (variants.length !== 1 || ns.length !== 1) {
      return [
        ['config'],
        `expected exactly one variant and one n (a parameter sweep), got ${variants.length} × ${ns.length}`,
      ];
    }
    return inputsProblem(m);
  }),
);

const sweepFits: Fits<v.InferOutput<typeof sweepRequestSchema>, SweepRequest> = true;
const paramSweepFits: Fits<v.InferOutput<typeof paramSweepRequestSchema>, ParamSweepRequest> = true;
void sweepFits;
void paramSweepFits;

/** Why a sweep config is invalid ("config.ns[1]: expected …"), or null. */
export function checkSweepJobConfig(c: unknown): string | null {
  return problemOf(object({ config: sweepConfigSchema }), { config: c });
}
