import { VARIANT_ID_LIST, VARIANT_IDS, type VariantId } from '../../core/variantSpecs';
import { bigbird } from './bigbird';
import { dense } from './dense';
import { flash } from './flash';
import { fused } from './fused';
import { linear } from './linear';
import { linformer } from './linformer';
import { lsh } from './lsh';
import { nystrom } from './nystrom';
import { performer } from './performer';
import { taylor } from './taylor';
import type { AttentionVariant } from './types';
import { window } from './window';

/** One implementation per id: the compiler refuses a missing or an unknown one. */
const BY_ID: Readonly<Record<VariantId, AttentionVariant>> = {
  dense,
  flash,
  fused,
  window,
  bigbird,
  linformer,
  performer,
  linear,
  nystrom,
  lsh,
  taylor,
};

/** Every runnable variant, in the order of core/variantSpecs. */
export const VARIANTS: readonly AttentionVariant[] = VARIANT_ID_LIST.map((id) => BY_ID[id]);

const byId = new Map(VARIANTS.map((v) => [v.id, v]));

export function getVariant(id: string): AttentionVariant {
  const v = byId.get(id);
  if (!v) throw new Error(`unknown variant "${id}" (valid: ${VARIANT_IDS.join(', ')})`);
  return v;
}
