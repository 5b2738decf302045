import { messageOf } from '../../core/messageOf';
import type { ParamValues } from '../../core/params';
import { max } from '../../core/stats';
import type { OwnKernel } from '../../core/userKernel/ownKernel';
import { VARIANT_IDS } from '../../core/variantSpecs';
import { checkSweepConfig, type SweepConfig } from '../../engine/sweep';
import {
  finiteNumber,
  inputKind,
  intList,
  list,
  nonNegativeInt,
  type Options,
  paramPairs,
  positiveInt,
  shown,
  str,
  type Values,
} from '../args';
import { CliError } from '../errors';
import { HOST_MEMORY_BUDGET, inputBytes, MAX_POINTS } from '../limits';

/** Flags shared by `sweep` and `bench`, and their translation into a checked SweepConfig. */
export const SWEEP_OPTIONS: Options = {
  variants: { type: 'string' },
  n: { type: 'string' },
  d: { type: 'string' },
  dv: { type: 'string' },
  heads: { type: 'string' },
  repeats: { type: 'string' },
  warmup: { type: 'string' },
  'input-kind': { type: 'string' },
  scale: { type: 'string' },
  causal: { type: 'boolean', default: false },
  seed: { type: 'string' },
  param: { type: 'string', multiple: true },
  backend: { type: 'string' },
  output: { type: 'string' },
  'fit-min-n': { type: 'string' },
};

function variantList(text: string | undefined): string[] {
  const ids = list('variants', text) ?? [...VARIANT_IDS];
  for (const id of ids) {
    if (!VARIANT_IDS.includes(id)) {
      throw new CliError(`unknown variant "${shown(id)}" (valid: ${VARIANT_IDS.join(', ')})`);
    }
  }
  return ids;
}

/** --param ID.NAME=VALUE → { ID: { NAME: VALUE } }. */
function scopedParams(list: string[] | undefined): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const { key, value } of paramPairs(list)) {
    const dot = key.indexOf('.');
    const id = key.slice(0, dot);
    if (dot <= 0 || dot === key.length - 1) {
      throw new CliError(`--param for a sweep expects VARIANT.NAME=VALUE, got "${key}"`);
    }
    if (!VARIANT_IDS.includes(id)) {
      throw new CliError(
        `--param ${key}: unknown variant "${id}" (valid: ${VARIANT_IDS.join(', ')})`,
      );
    }
    out[id] = { ...out[id], [key.slice(dot + 1)]: value };
  }
  return out;
}

export interface SweepDefaults {
  ns: number[];
  repeats: number;
  d?: number;
  heads?: number;
  seed?: number;
}

/** Flags → SweepConfig, every value checked (CliError), with the effective parameters. */
export function sweepConfig(
  v: Values,
  defaults: SweepDefaults,
  ownKernel?: OwnKernel,
): { config: SweepConfig; params: Record<string, ParamValues> } {
  const d = positiveInt('d', str(v, 'd'), defaults.d ?? 64);
  const fitMinN = str(v, 'fit-min-n');
  const config: SweepConfig = {
    // The own kernel runs after the built-in variants it is compared with.
    variants: [...variantList(str(v, 'variants')), ...(ownKernel ? [ownKernel.name] : [])],
    ...(ownKernel ? { ownKernel } : {}),
    ns: intList('n', str(v, 'n'), defaults.ns),
    d,
    dv: positiveInt('dv', str(v, 'dv'), d),
    heads: positiveInt('heads', str(v, 'heads'), defaults.heads ?? 1),
    causal: v.causal === true,
    inputKind: inputKind(str(v, 'input-kind')),
    scale: finiteNumber('scale', str(v, 'scale')),
    seed: nonNegativeInt('seed', str(v, 'seed'), defaults.seed ?? 1),
    warmup: positiveInt('warmup', str(v, 'warmup'), 1),
    repeats: positiveInt('repeats', str(v, 'repeats'), defaults.repeats),
    params: scopedParams(v.param as string[] | undefined),
    ...(fitMinN === undefined ? {} : { fitMinN: positiveInt('fit-min-n', fitMinN, 1) }),
  };
  checkSweepSize(config);
  try {
    return { config, params: checkSweepConfig(config) };
  } catch (err) {
    throw new CliError(messageOf(err));
  }
}

const GiB = 1024 ** 3;

/** The lab's point cap and the host memory budget, before anything is generated. */
export function checkSweepSize(c: SweepConfig): void {
  const points = c.variants.length * c.ns.length;
  if (points > MAX_POINTS) {
    throw new CliError(`at most ${MAX_POINTS} points (variants × n) per sweep, got ${points}`);
  }
  const bytes = inputBytes({ heads: c.heads, n: max(c.ns), d: c.d, dv: c.dv ?? c.d });
  if (bytes > HOST_MEMORY_BUDGET) {
    throw new CliError(
      `the inputs at n = ${max(c.ns)} (heads ${c.heads}, d ${c.d}, dv ${c.dv ?? c.d}) need ${(bytes / GiB).toFixed(1)} GiB, over the ${HOST_MEMORY_BUDGET / GiB} GiB budget`,
    );
  }
}
