import { schemeTableau10 } from 'd3';
import { VARIANT_IDS } from '../core/variantSpecs';

/** One stable colour per variant (Tableau 10: distinguishable, colour-blind aware), by spec order. */
export function variantColor(id: string): string {
  const i = VARIANT_IDS.indexOf(id);
  return schemeTableau10[(i < 0 ? VARIANT_IDS.length : i) % schemeTableau10.length];
}

/** Dash patterns add a second cue beside colour (for readers who cannot tell two colours apart). */
export function variantDash(id: string): string | undefined {
  const i = VARIANT_IDS.indexOf(id);
  return i >= schemeTableau10.length ? '6 3' : undefined;
}
