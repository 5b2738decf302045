import type { TargetPattern } from '../../../core/hardness/rankLimit';
import { max } from '../../../core/stats';

/**
 * Every control of the hardness lab, flat, with its URL key (`h.…`), label and allowed values.
 * A value from the URL must be one of the choices; anything else keeps the default with a
 * notice. Choices keep each experiment quick on a software GPU.
 */
export interface HardnessConfig {
  boundedC: number;
  boundedN: number;
  boundedPerformerM: number;
  boundedTaylorP: number;
  boundedNystromM: number;
  performerD: number;
  performerSamples: number;
  performerMaxNorm: number;
  performerOrthogonal: boolean;
  rankPattern: TargetPattern;
  rankN: number;
  rankM: number;
  flopsN: number;
  flopsD: number;
  modCapacity: number;
  modN: number;
}

export type ConfigKey = keyof HardnessConfig;

export interface Field<T> {
  key: string;
  label: string;
  choices: readonly T[];
  default: T;
  /** How a choice reads in the control (the URL always holds its plain encoding). */
  show?: (v: T) => string;
}

const pct = (v: number) => `${v * 100}%`;

export const FIELDS: { [K in ConfigKey]: Field<HardnessConfig[K]> } = {
  boundedC: {
    key: 'h.be.c',
    label: 'c in d = ⌈c·log₂ n⌉',
    choices: [0.5, 1, 1.5, 2, 3],
    default: 1,
  },
  boundedN: { key: 'h.be.n', label: 'largest n', choices: [128, 256, 512], default: 256 },
  boundedPerformerM: {
    key: 'h.be.pm',
    label: 'Performer m',
    choices: [16, 32, 64, 128, 256],
    default: 64,
  },
  boundedTaylorP: { key: 'h.be.tp', label: 'Taylor p', choices: [2, 4], default: 2 },
  boundedNystromM: { key: 'h.be.nm', label: 'Nyström m', choices: [8, 16, 32, 64], default: 16 },
  performerD: { key: 'h.pf.d', label: 'd', choices: [4, 8, 16, 32, 64], default: 16 },
  performerSamples: {
    key: 'h.pf.samples',
    label: 'samples per point',
    choices: [250, 500, 1000, 2000, 5000],
    default: 1000,
  },
  performerMaxNorm: {
    key: 'h.pf.max',
    label: 'largest ‖x+y‖²',
    choices: [2, 3, 4, 6, 8],
    default: 4,
  },
  performerOrthogonal: {
    key: 'h.pf.orth',
    label: 'orthogonal features',
    choices: [false, true],
    default: false,
  },
  rankPattern: {
    key: 'h.rl.pattern',
    label: 'target pattern',
    choices: ['identity', 'shift', 'band'],
    default: 'identity',
  },
  rankN: { key: 'h.rl.n', label: 'n', choices: [8, 16, 24, 32, 48, 64], default: 32 },
  rankM: {
    key: 'h.rl.m',
    label: 'rank m',
    choices: [1, 2, 4, 8, 12, 16, 24, 32, 48],
    default: 8,
  },
  // 1024: the shipped pre-computed run's range, so a live run is comparable with it.
  flopsN: {
    key: 'h.fm.n',
    label: 'largest n',
    choices: [256, 512, 1024, 2048, 4096],
    default: 1024,
  },
  flopsD: { key: 'h.fm.d', label: 'd', choices: [32, 64], default: 64 },
  modCapacity: {
    key: 'h.mod.cap',
    label: 'capacity C/S',
    choices: [0.125, 0.25, 0.5],
    // 50%: the routed block stays large enough to show its own slope in a small live run.
    default: 0.5,
    show: pct,
  },
  // Small by default: a live run on a software GPU stays quick (the shipped run goes to 8192).
  modN: {
    key: 'h.mod.n',
    label: 'largest S of a live run',
    choices: [256, 512, 1024, 2048, 4096],
    default: 512,
  },
};

export const CONFIG_KEYS = Object.keys(FIELDS) as ConfigKey[];

export const DEFAULT_HARDNESS_CONFIG = Object.fromEntries(
  CONFIG_KEYS.map((k) => [k, FIELDS[k].default]),
) as unknown as HardnessConfig;

/** The URL text of a value: booleans as 1/0. */
export const encodeValue = (v: HardnessConfig[ConfigKey]) =>
  typeof v === 'boolean' ? (v ? '1' : '0') : String(v);

export const showValue = <K extends ConfigKey>(k: K, v: HardnessConfig[K]) =>
  (FIELDS[k] as Field<HardnessConfig[K]>).show?.(v) ?? encodeValue(v);

/** The rank must stay below n; the largest allowed rank not above `m`. */
export function rankFor(n: number, m: number): number {
  const ok = FIELDS.rankM.choices.filter((c) => c < n && c <= m);
  return ok.length > 0 ? max(ok) : 1;
}

/** Powers of two from `from` to `to`. */
export function pow2Range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n *= 2) out.push(n);
  return out;
}
