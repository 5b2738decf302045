import { describe, expect, it } from 'vitest';
import { VARIANT_ID_LIST, VARIANT_SPECS } from '../../core/variantSpecs';
import { getVariant, VARIANTS } from '.';

/** The registries are complete by type; these check that each entry sits under its own id. */
describe('the variant registries', () => {
  it('list each spec and each implementation under its own id, in one order', () => {
    expect(VARIANT_SPECS.map((s) => s.id)).toEqual([...VARIANT_ID_LIST]);
    expect(VARIANTS.map((v) => v.id)).toEqual([...VARIANT_ID_LIST]);
    for (const id of VARIANT_ID_LIST) expect(getVariant(id).id).toBe(id);
  });

  it('refuse an unknown id by name', () => {
    expect(() => getVariant('softmax2')).toThrow(/unknown variant "softmax2"/);
  });
});
