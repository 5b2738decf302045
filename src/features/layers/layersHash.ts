import { MOD_CAPACITIES } from '../../core/model/config';
import { CONTEXT, tokenize } from '../../core/model/task';
import type { ModelInfo } from '../../core/model/trace';
import { quoted } from '../../core/text';
import { findSpec, VARIANT_IDS } from '../../core/variantSpecs';
import type { HashPair } from '../../shared/hashParts';
import { MODEL_ID } from '../../worker/modelProtocol';
import {
  DEFAULT_LAYERS_CONFIG,
  type GridView,
  type LayersConfig,
  MAX_TEXT_CHARS,
  SEED_PARAM,
} from './layersConfig';

/**
 * The layer explorer's keys in the URL hash, all prefixed `l.`: `l.model=attnres&l.variant=
 * performer&l.p.m=64&l.text=CAFE|CAFE&l.layer=2&l.head=1&l.grid=difference` (layer and head
 * counted from 1, as the screen labels them). Absent keys keep their defaults; an invalid value
 * keeps its default too, with a notice naming it. Nothing from the URL is rendered as HTML.
 */

export const LAYERS_PREFIX = 'l.';
const KEYS = ['l.model', 'l.variant', 'l.text', 'l.layer', 'l.head', 'l.grid', 'l.cap', 'l.seed'];
const GRIDS: GridView[] = ['used', 'difference'];

export const ownsLayersKey = (key: string) => key.startsWith(LAYERS_PREFIX);

const ignored = (key: string, raw: string, why: string) =>
  `Ignored ${key}="${quoted(raw)}" from the URL (${why}); using the default.`;

/** The pairs to write: only values that differ from the defaults. */
export function encodeLayers(c: LayersConfig): HashPair[] {
  const d = DEFAULT_LAYERS_CONFIG;
  const pairs: HashPair[] = [];
  if (c.model !== d.model) pairs.push(['l.model', c.model]);
  if (c.variant !== d.variant) pairs.push(['l.variant', c.variant]);
  const spec = findSpec(c.variant);
  for (const p of spec?.params ?? []) {
    const v = c.params[c.variant]?.[p.name];
    if (v !== undefined && v !== p.default) pairs.push([`l.p.${p.name}`, v]);
  }
  if (c.text !== d.text) pairs.push(['l.text', c.text]);
  if (c.layer !== null) pairs.push(['l.layer', c.layer + 1]);
  if (c.head !== null) pairs.push(['l.head', c.head + 1]);
  if (c.grid !== d.grid) pairs.push(['l.grid', c.grid]);
  if (c.capacity !== null) pairs.push(['l.cap', c.capacity]);
  if (c.seed !== d.seed) pairs.push(['l.seed', c.seed]);
  return pairs;
}

function positiveInt(raw: string, max: number): number | null {
  if (!/^\d{1,4}$/.test(raw)) return null;
  const v = Number(raw);
  return v >= 1 && v <= max ? v : null;
}

/**
 * Read the `l.` keys. `models` (null while the index is loading) lets the model, layer and head
 * be checked against what exists; without it they are checked for form and range only, and
 * `reconcileModel` finishes the job once the index arrives.
 */
export function parseLayers(
  params: URLSearchParams,
  models: readonly ModelInfo[] | null,
): { config: LayersConfig; notices: string[] } {
  const config: LayersConfig = { ...DEFAULT_LAYERS_CONFIG, params: {} };
  const notices: string[] = [];
  const get = (key: string) => params.get(key);

  for (const key of new Set(params.keys())) {
    if (ownsLayersKey(key) && !KEYS.includes(key) && !/^l\.p\.[a-zA-Z]+$/.test(key)) {
      notices.push(`Ignored the unknown key "${quoted(key)}" in the URL.`);
    }
  }

  const model = get('l.model');
  if (model !== null) {
    if (!MODEL_ID.test(model)) notices.push(ignored('l.model', model, 'not a model id'));
    else if (models && !models.some((m) => m.id === model)) {
      notices.push(ignored('l.model', model, `models: ${models.map((m) => m.id).join(', ')}`));
    } else config.model = model;
  }
  const info = models?.find((m) => m.id === config.model) ?? models?.[0] ?? null;

  const variant = get('l.variant');
  if (variant !== null) {
    if (VARIANT_IDS.includes(variant)) config.variant = variant;
    else notices.push(ignored('l.variant', variant, `valid: ${VARIANT_IDS.join(', ')}`));
  }
  const spec = findSpec(config.variant);
  for (const key of params.keys()) {
    const m = /^l\.p\.([a-zA-Z]+)$/.exec(key);
    if (!m) continue;
    const raw = get(key) ?? '';
    const p = spec?.params.find((q) => q.name === m[1]);
    const v = Number(raw);
    if (!p) {
      const names = spec?.params.map((q) => q.name).join(', ') || 'none';
      notices.push(
        ignored(key, raw, `${config.variant} has no such parameter; its parameters: ${names}`),
      );
    } else if (
      raw.trim() === '' ||
      !Number.isFinite(v) ||
      (p.integer && !Number.isInteger(v)) ||
      v < p.min ||
      v > p.max
    ) {
      notices.push(
        ignored(key, raw, `${p.integer ? 'an integer' : 'a number'} from ${p.min} to ${p.max}`),
      );
    } else {
      config.params[config.variant] = { ...config.params[config.variant], [p.name]: v };
    }
  }

  const text = get('l.text');
  if (text !== null) {
    const { tokens, unknown } = tokenize(text);
    const context = info?.config.context ?? CONTEXT;
    if (text.length > MAX_TEXT_CHARS) notices.push(ignored('l.text', text, 'too long'));
    else if (unknown.length > 0) {
      const chars = unknown.map((u) => `"${u.char}"`).join(', ');
      notices.push(ignored('l.text', text, `not in the vocabulary A–P and "|": ${chars}`));
    } else if (tokens.length === 0) notices.push(ignored('l.text', text, 'no tokens'));
    else if (tokens.length > context) {
      notices.push(
        ignored('l.text', text, `${tokens.length} tokens; the model's context is ${context}`),
      );
    } else config.text = text;
  }

  const cap = get('l.cap');
  if (cap !== null) {
    const v = MOD_CAPACITIES.find((c) => String(c) === cap.trim());
    if (v === undefined) notices.push(ignored('l.cap', cap, `one of ${MOD_CAPACITIES.join(', ')}`));
    else config.capacity = v;
  }

  const seed = get('l.seed');
  if (seed !== null) {
    const v = /^\d{1,10}$/.test(seed) ? Number(seed) : -1;
    if (v < 0 || v > SEED_PARAM.max) {
      notices.push(ignored('l.seed', seed, `an integer from 0 to ${SEED_PARAM.max}`));
    } else config.seed = v;
  }

  for (const [key, field, max] of [
    ['l.layer', 'layer', info?.config.layers ?? 32],
    ['l.head', 'head', info?.config.heads ?? 64],
  ] as const) {
    const raw = get(key);
    if (raw === null) continue;
    const v = positiveInt(raw, max);
    if (v === null) notices.push(ignored(key, raw, `an integer from 1 to ${max}`));
    else config[field] = v - 1;
  }

  const grid = get('l.grid');
  if (grid !== null) {
    if ((GRIDS as string[]).includes(grid)) config.grid = grid as GridView;
    else notices.push(ignored('l.grid', grid, `valid: ${GRIDS.join(', ')}`));
  }
  return { config, notices };
}

/**
 * Once the model index has loaded: a model id from the link that is not listed falls back to
 * the default, and a layer or head beyond the model's falls back to auto, each with a notice.
 */
export function reconcileModel(
  config: LayersConfig,
  models: readonly ModelInfo[],
): { config: LayersConfig; notices: string[] } {
  if (models.length === 0) return { config, notices: [] };
  const notices: string[] = [];
  let next = config;
  if (next.model !== '' && !models.some((m) => m.id === next.model)) {
    notices.push(ignored('l.model', next.model, `models: ${models.map((m) => m.id).join(', ')}`));
    next = { ...next, model: '' };
  }
  const info = models.find((m) => m.id === next.model) ?? models[0];
  if (next.layer !== null && next.layer >= info.config.layers) {
    notices.push(
      ignored('l.layer', String(next.layer + 1), `${info.label} has ${info.config.layers} layers`),
    );
    next = { ...next, layer: null, head: null };
  }
  if (next.head !== null && next.head >= info.config.heads) {
    notices.push(
      ignored('l.head', String(next.head + 1), `${info.label} has ${info.config.heads} heads`),
    );
    next = { ...next, layer: null, head: null };
  }
  return { config: next, notices };
}
