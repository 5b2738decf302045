import { VARIANT_IDS } from '../../core/variantSpecs';
import { dense } from './dense';
import type { AttentionVariant } from './types';

/** Every runnable variant, in the order of core/variantSpecs (checked at load). */
export const VARIANTS: readonly AttentionVariant[] = [dense];

const byId = new Map(VARIANTS.map((v) => [v.id, v]));

export function getVariant(id: string): AttentionVariant {
  const v = byId.get(id);
  if (!v) throw new Error(`unknown variant "${id}" (valid: ${VARIANT_IDS.join(', ')})`);
  return v;
}
