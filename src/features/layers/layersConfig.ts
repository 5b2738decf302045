import type { ParamSpec, ParamValues } from '../../core/params';
import { SEED_RANGE } from '../../core/rng';

/**
 * The layer explorer's controls as plain data, and their defaults. `model: ''` means the first
 * model the index lists; `layer`/`head` null means "the strongest induction head" (picked from
 * the trace), so a bare link opens on the most telling map.
 */

export type GridView = 'used' | 'difference';

export interface LayersConfig {
  model: string;
  variant: string;
  /** Overrides of each variant's parameters (defaults left out). */
  params: Record<string, ParamValues>;
  text: string;
  layer: number | null;
  head: number | null;
  /** What the small multiples show: the weights the variant applied, or variant − exact. */
  grid: GridView;
  /** MoD models: the capacity C/S to route with at inference; null = as trained. */
  capacity: number | null;
  /** Seed of a seeded variant's random draw (performer's features, lsh's hashes, …). */
  seed: number;
}

/** Eight distinct letters of A..P, then the copy: 17 tokens, induction is easy to see. */
export const DEFAULT_TEXT = 'FLAMINGO|FLAMINGO';

export const DEFAULT_LAYERS_CONFIG: LayersConfig = {
  model: '',
  variant: 'dense',
  params: {},
  text: DEFAULT_TEXT,
  layer: null,
  head: null,
  grid: 'used',
  capacity: null,
  seed: 0,
};

/** The seed as a variant parameter, so it is edited like the others. */
export const SEED_PARAM: ParamSpec = {
  name: 'seed',
  label: 'seed',
  default: 0,
  min: SEED_RANGE[0],
  max: SEED_RANGE[1],
  integer: true,
  description: "Seed of the variant's random draw: another seed, another set of features or hashes",
};

/** Longest text accepted from a link (the model's context is far shorter; this bounds the URL). */
export const MAX_TEXT_CHARS = 200;

/** Held-out sequences the accuracy job scores. */
export const ACCURACY_SEQUENCES = 64;
export const ACCURACY_SEED = 7;

/** Wait this long after the last change before running (typing, spinning a number). */
export const RUN_DELAY_MS = 300;

export const paramsOf = (c: LayersConfig, variant = c.variant): ParamValues =>
  c.params[variant] ?? {};
