import { INPUT_KINDS, type InputKind } from '../core/inputs';
import { VARIANT_IDS } from '../core/variantSpecs';
import {
  D_RANGE,
  DEFAULT_CONFIG,
  HEADS_RANGE,
  isPow2,
  type LabConfig,
  REPEATS_RANGE,
  SEED_RANGE,
} from './labConfig';

/**
 * The URL hash at load: `#screen=lab&variants=dense,flash&n=64,128,256&d=32&heads=1&repeats=3
 * &causal=0&input=gaussian&seed=1`. Absent keys keep their defaults; an invalid value keeps
 * its default too, with a notice naming what was ignored.
 */

export type Screen = 'lab' | 'status';
export const SCREENS: readonly Screen[] = ['lab', 'status'];

export interface HashState {
  screen: Screen;
  config: LabConfig;
  notices: string[];
}

export function hashParams(hash: string): URLSearchParams {
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  return new URLSearchParams(q >= 0 ? body.slice(q + 1) : body);
}

const shown = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

function intIn(raw: string, [lo, hi]: readonly [number, number]): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const v = Number(raw);
  return Number.isSafeInteger(v) && v >= lo && v <= hi ? v : null;
}

export function parseScreen(hash: string): Screen {
  const s = hashParams(hash).get('screen');
  return s === 'status' ? 'status' : 'lab';
}

export function parseLabHash(hash: string): HashState {
  const p = hashParams(hash);
  const config: LabConfig = { ...DEFAULT_CONFIG, params: structuredClone(DEFAULT_CONFIG.params) };
  const notices: string[] = [];
  const ignore = (key: string, raw: string, why: string) =>
    notices.push(`Ignored ${key}="${shown(raw)}" from the URL (${why}); using the default.`);

  const screen = p.get('screen');
  if (screen !== null && !(SCREENS as readonly string[]).includes(screen)) {
    ignore('screen', screen, `valid: ${SCREENS.join(', ')}`);
  }

  const variants = p.get('variants');
  if (variants !== null) {
    const ids = variants.split(',').map((v) => v.trim());
    const bad = ids.filter((id) => !VARIANT_IDS.includes(id));
    if (ids.length === 0 || bad.length > 0 || ids[0] === '') {
      ignore('variants', variants, `unknown: ${bad.join(', ') || 'none given'}`);
    } else config.variants = [...new Set(ids)];
  }

  const n = p.get('n');
  if (n !== null) {
    const ns = n.split(',').map((x) => intIn(x, [16, 16384]));
    if (ns.some((x) => x === null || !isPow2(x))) {
      ignore('n', n, 'each n must be a power of two from 16 to 16384');
    } else {
      config.nMin = Math.min(...(ns as number[]));
      config.nMax = Math.max(...(ns as number[]));
    }
  }

  const ints = [
    ['d', D_RANGE],
    ['heads', HEADS_RANGE],
    ['repeats', REPEATS_RANGE],
    ['seed', SEED_RANGE],
  ] as const;
  for (const [key, range] of ints) {
    const raw = p.get(key);
    if (raw === null) continue;
    const v = intIn(raw, range);
    if (v === null) ignore(key, raw, `an integer from ${range[0]} to ${range[1]}`);
    else config[key] = v;
  }

  const causal = p.get('causal');
  if (causal !== null) {
    if (['0', 'false'].includes(causal)) config.causal = false;
    else if (['1', 'true'].includes(causal)) config.causal = true;
    else ignore('causal', causal, '0 or 1');
  }

  const input = p.get('input');
  if (input !== null) {
    if ((INPUT_KINDS as readonly string[]).includes(input)) config.inputKind = input as InputKind;
    else ignore('input', input, `valid: ${INPUT_KINDS.join(', ')}`);
  }

  return { screen: parseScreen(hash), config, notices };
}

/** The hash with `screen` set, other keys (backend…) kept. */
export function hashWithScreen(hash: string, screen: Screen): string {
  const p = hashParams(hash);
  p.set('screen', screen);
  return `#${p.toString()}`;
}
