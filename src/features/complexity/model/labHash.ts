import { INPUT_KINDS, type InputKind } from '../../../core/inputs';
import { messageOf } from '../../../core/messageOf';
import { resolveParams } from '../../../core/params';
import { isPow2 } from '../../../core/pow2';
import { quoted } from '../../../core/text';
import { findSpec, VARIANT_IDS } from '../../../core/variantSpecs';
import { ownedByPart } from '../../../shared/hashParts';
import {
  D_RANGE,
  DEFAULT_CONFIG,
  HEADS_RANGE,
  type LabConfig,
  REPEATS_RANGE,
  SEED_RANGE,
} from './labConfig';
import type { ParamSelection } from './paramSweep';
import { type EmbedPanel, type HideGroup, parseEmbed, parseHide } from './viewFlags';

/**
 * The URL hash at load and on hashchange: `#screen=lab&variants=dense,flash&n=64,128,256&d=32
 * &heads=1&repeats=3&causal=0&input=gaussian&seed=1`, plus a variant's parameters
 * (`p.flash.block=32`), the frontier n (`frontier=512`), the parameter sweep
 * (`sweep=performer.m.512`), lesson flags (`hide=variants,run`) and embed mode (`embed=time`).
 * Absent keys keep their defaults; an invalid value keeps its default too, with a notice naming
 * what was ignored. Notices are shown as React text, never as HTML.
 */

export const SCREENS = ['lab', 'layers', 'hardness', 'story', 'status'] as const;
export type Screen = (typeof SCREENS)[number];

export interface HashState {
  screen: Screen;
  config: LabConfig;
  notices: string[];
  /** n of the error-vs-time chart; null: the largest n measured. */
  frontierN: number | null;
  /** The parameter sweep's selection; null: the default for the config. */
  param: ParamSelection | null;
  hide: HideGroup[];
  embed: EmbedPanel | null;
}

/** Keys this app reads from the hash (`backend` is read by backendParam.ts). */
export const KNOWN_KEYS = [
  'screen',
  'variants',
  'n',
  'd',
  'heads',
  'repeats',
  'seed',
  'causal',
  'input',
  'frontier',
  'sweep',
  'hide',
  'embed',
  'backend',
];

export function hashParams(hash: string): URLSearchParams {
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  return new URLSearchParams(q >= 0 ? body.slice(q + 1) : body);
}

const pow2N = (raw: string) => {
  const v = intIn(raw, [16, 16384]);
  return v !== null && isPow2(v) ? v : null;
};

function intIn(raw: string, [lo, hi]: readonly [number, number]): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const v = Number(raw);
  return Number.isSafeInteger(v) && v >= lo && v <= hi ? v : null;
}

export function parseScreen(hash: string): Screen {
  const s = hashParams(hash).get('screen');
  return (SCREENS as readonly (string | null)[]).includes(s) ? (s as Screen) : 'lab';
}

export function parseLabHash(hash: string): HashState {
  const p = hashParams(hash);
  const config: LabConfig = { ...DEFAULT_CONFIG, params: structuredClone(DEFAULT_CONFIG.params) };
  const notices: string[] = [];
  const ignore = (key: string, raw: string, why: string) =>
    notices.push(`Ignored ${key}="${quoted(raw)}" from the URL (${why}); using the default.`);

  for (const key of new Set(p.keys())) {
    const count = p.getAll(key).length;
    const known =
      KNOWN_KEYS.includes(key) || /^p\.[a-z]+\.[a-zA-Z]+$/.test(key) || ownedByPart(key);
    if (!known) {
      notices.push(`Ignored the unknown key "${quoted(key)}" in the URL.`);
    } else if (count > 1) {
      notices.push(`The URL gives ${quoted(key)} ${count} times; only the first is used.`);
    }
  }

  const screen = p.get('screen');
  if (screen !== null && !(SCREENS as readonly string[]).includes(screen)) {
    ignore('screen', screen, `valid: ${SCREENS.join(', ')}`);
  }

  const variants = p.get('variants');
  if (variants !== null) {
    const ids = variants.split(',').map((v) => v.trim());
    const bad = ids.filter((id) => !VARIANT_IDS.includes(id));
    if (ids.length === 0 || bad.length > 0 || ids[0] === '') {
      ignore('variants', variants, `unknown: ${quoted(bad.join(', ')) || 'none given'}`);
    } else config.variants = [...new Set(ids)];
  }

  const n = p.get('n');
  if (n !== null) {
    const ns = n.split(',').map((x) => intIn(x, [16, 16384]));
    if (ns.some((x) => x === null || !isPow2(x))) {
      ignore('n', n, 'each n must be a power of two from 16 to 16384');
    } else {
      // reduce, not Math.min(...ns): a long hash must not overflow the call stack.
      config.nMin = (ns as number[]).reduce((a, b) => Math.min(a, b));
      config.nMax = (ns as number[]).reduce((a, b) => Math.max(a, b));
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

  parseVariantParams(p, config, ignore);
  const frontierN = parseFrontier(p.get('frontier'), ignore);
  const param = parseSweep(p.get('sweep'), ignore);
  const hide = parseHide(p.get('hide'));
  const embed = parseEmbed(p.get('embed'));
  for (const notice of [hide.notice, embed.notice]) if (notice) notices.push(notice);
  return {
    screen: parseScreen(hash),
    config,
    notices,
    frontierN,
    param,
    hide: hide.hide,
    embed: embed.embed,
  };
}

type Ignore = (key: string, raw: string, why: string) => void;

/** `p.<variant>.<param>=value`, each checked by the variant's specs (core/params). */
function parseVariantParams(p: URLSearchParams, config: LabConfig, ignore: Ignore) {
  for (const key of new Set(p.keys())) {
    const m = /^p\.([a-z]+)\.([a-zA-Z]+)$/.exec(key);
    if (!m) continue;
    const raw = p.get(key) ?? '';
    const spec = findSpec(m[1]);
    if (!spec) {
      ignore(key, raw, `unknown variant ${m[1]}`);
      continue;
    }
    const value = /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
    try {
      const resolved = resolveParams(spec.id, spec.params, { [m[2]]: value });
      config.params[spec.id] = { ...config.params[spec.id], [m[2]]: resolved[m[2]] };
    } catch (err) {
      ignore(key, raw, messageOf(err));
    }
  }
}

function parseFrontier(raw: string | null, ignore: Ignore): number | null {
  if (raw === null) return null;
  const n = pow2N(raw);
  if (n === null) ignore('frontier', raw, 'a power of two from 16 to 16384');
  return n;
}

/** `sweep=<variant>.<param>.<n>`: the parameter sweep's variant, parameter and n. */
function parseSweep(raw: string | null, ignore: Ignore): ParamSelection | null {
  if (raw === null) return null;
  const [variant = '', param = '', nRaw = ''] = raw.split('.');
  const spec = findSpec(variant);
  const n = pow2N(nRaw);
  if (spec?.params.some((x) => x.name === param) && n !== null) return { variant, param, n };
  ignore('sweep', raw, 'variant.parameter.n, e.g. performer.m.512');
  return null;
}

/** The hash with `screen` set, other keys (backend…) kept. */
export function hashWithScreen(hash: string, screen: Screen): string {
  const p = hashParams(hash);
  p.set('screen', screen);
  return `#${p.toString()}`;
}
