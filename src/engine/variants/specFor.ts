import type { VariantSpec } from '../../core/variantSpec';
import { findSpec } from '../../core/variantSpecs';

/** The core spec of a variant id (a programming error if missing). */
export function specFor(id: string): VariantSpec {
  const spec = findSpec(id);
  if (!spec) throw new Error(`no spec for variant ${id}`);
  return spec;
}
