import { VARIANT_IDS } from '../../core/variantSpecs';
import type { SweepConfig } from '../../engine/sweep';
import {
  finiteNumber,
  inputKind,
  intList,
  nonNegativeInt,
  type Options,
  paramPairs,
  positiveInt,
  str,
  type Values,
} from '../args';
import { CliError } from '../errors';

/** Flags shared by `sweep` and `bench`, and their translation into a SweepConfig. */
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
};

function variantList(text: string | undefined): string[] {
  if (text === undefined) return [...VARIANT_IDS];
  const ids = text.split(',').map((s) => s.trim());
  for (const id of ids) {
    if (!VARIANT_IDS.includes(id)) {
      throw new CliError(`unknown variant "${id}" (valid: ${VARIANT_IDS.join(', ')})`);
    }
  }
  return ids;
}

/** --param ID.NAME=VALUE → { ID: { NAME: VALUE } }. */
function scopedParams(list: string[] | undefined): SweepConfig['params'] {
  const out: SweepConfig['params'] = {};
  for (const { key, value } of paramPairs(list)) {
    const dot = key.indexOf('.');
    const id = key.slice(0, dot);
    if (dot <= 0 || !VARIANT_IDS.includes(id)) {
      throw new CliError(
        `--param for a sweep expects VARIANT.NAME=VALUE with a known variant, got "${key}"`,
      );
    }
    out[id] = { ...out[id], [key.slice(dot + 1)]: value };
  }
  return out;
}

export function sweepConfig(v: Values, defaults: { ns: number[]; repeats: number }): SweepConfig {
  const variants = variantList(str(v, 'variants'));
  const causal = v.causal === true;
  const params = scopedParams(v.param as string[] | undefined);
  const d = positiveInt('d', str(v, 'd'), 64);
  return {
    variants,
    ns: intList('n', str(v, 'n'), defaults.ns),
    d,
    dv: positiveInt('dv', str(v, 'dv'), d),
    heads: positiveInt('heads', str(v, 'heads'), 1),
    causal,
    inputKind: inputKind(str(v, 'input-kind')),
    scale: finiteNumber('scale', str(v, 'scale')),
    seed: nonNegativeInt('seed', str(v, 'seed'), 1),
    warmup: nonNegativeInt('warmup', str(v, 'warmup'), 2),
    repeats: positiveInt('repeats', str(v, 'repeats'), defaults.repeats),
    params,
  };
}
