import { quoted } from '../../../core/text';
import type { HashPair } from '../../../shared/hashParts';
import {
  CONFIG_KEYS,
  type ConfigKey,
  DEFAULT_HARDNESS_CONFIG,
  encodeValue,
  FIELDS,
  type HardnessConfig,
  rankFor,
} from './config';

/**
 * The hardness lab's keys in the URL hash (`h.be.c=2&h.rl.pattern=shift…`): absent keys keep
 * their defaults; a value that is not one of the control's choices keeps its default too, with
 * a notice naming what was ignored (shown as text, never as HTML).
 */

export const HASH_PREFIX = 'h.';
const KEY_OF = new Map(CONFIG_KEYS.map((k) => [FIELDS[k].key, k]));

export function parseHardnessHash(params: URLSearchParams): {
  config: HardnessConfig;
  notices: string[];
} {
  const config: HardnessConfig = { ...DEFAULT_HARDNESS_CONFIG };
  const notices: string[] = [];
  const set = <K extends ConfigKey>(k: K, raw: string) => {
    const field = FIELDS[k];
    const value = (field.choices as readonly HardnessConfig[K][]).find(
      (c) => encodeValue(c) === raw.trim(),
    );
    if (value === undefined) {
      const choices = field.choices.map(encodeValue).join(', ');
      notices.push(
        `Ignored ${field.key}="${quoted(raw)}" from the URL (${field.label}: one of ${choices}); using the default.`,
      );
    } else {
      config[k] = value;
    }
  };
  for (const key of new Set(params.keys())) {
    if (!key.startsWith(HASH_PREFIX)) continue;
    const k = KEY_OF.get(key);
    if (k === undefined) notices.push(`Ignored the unknown key "${quoted(key)}" in the URL.`);
    else set(k, params.get(key) ?? '');
  }
  if (config.rankM >= config.rankN) {
    const m = rankFor(config.rankN, DEFAULT_HARDNESS_CONFIG.rankM);
    notices.push(
      `Ignored ${FIELDS.rankM.key}=${config.rankM} from the URL (the rank must be below n = ${config.rankN}); using ${m}.`,
    );
    config.rankM = m;
  }
  return { config, notices };
}

/** The pairs that differ from the defaults, in field order. */
export function encodeHardnessHash(config: HardnessConfig): HashPair[] {
  return CONFIG_KEYS.filter((k) => config[k] !== DEFAULT_HARDNESS_CONFIG[k]).map((k) => [
    FIELDS[k].key,
    encodeValue(config[k]),
  ]);
}
