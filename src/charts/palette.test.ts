import { describe, expect, it } from 'vitest';
import { VARIANT_IDS } from '../core/variantSpecs';
import { deltaE, simulate, VISIONS } from './colorVision';
import { MARKER_SHAPES, OTHER_COLOR, VARIANT_COLORS, variantColor, variantShape } from './palette';

/** Smallest ΔE*ab between two variants' colours, in any of the four visions. */
const MIN_DELTA_E = 12;

describe('variant palette', () => {
  it('gives every variant its own colour and its own marker shape', () => {
    expect(Object.keys(VARIANT_COLORS).sort()).toEqual([...VARIANT_IDS].sort());
    expect(new Set(VARIANT_IDS.map(variantColor)).size).toBe(VARIANT_IDS.length);
    expect(new Set(VARIANT_IDS.map(variantShape)).size).toBe(VARIANT_IDS.length);
    expect(VARIANT_IDS.length).toBeLessThanOrEqual(MARKER_SHAPES.length);
  });

  it(`keeps every two colours ≥ ${MIN_DELTA_E} ΔE apart in normal and colour-deficient vision`, () => {
    const close: string[] = [];
    for (const vision of VISIONS) {
      for (const [i, a] of VARIANT_IDS.entries()) {
        for (const b of VARIANT_IDS.slice(i + 1)) {
          const d = deltaE(variantColor(a), variantColor(b), vision);
          if (d < MIN_DELTA_E) close.push(`${a}/${b} ${vision} ΔE ${d.toFixed(1)}`);
        }
      }
    }
    expect(close).toEqual([]);
  });

  it(`keeps other ids' colour (the own kernel's) ≥ ${MIN_DELTA_E} ΔE from every variant's, and gives them a shape of their own`, () => {
    for (const vision of VISIONS) {
      for (const id of VARIANT_IDS) {
        expect(deltaE(OTHER_COLOR, variantColor(id), vision), `${id} ${vision}`).toBeGreaterThan(
          MIN_DELTA_E,
        );
      }
    }
    expect(variantColor('mine')).toBe(OTHER_COLOR);
    expect(VARIANT_IDS.map(variantShape)).not.toContain(variantShape('mine'));
  });

  it('simulates: grey stays grey, red and green merge for a deuteranope', () => {
    expect(simulate('#808080', 'deuteranopia')).toBe('#808080');
    // Tableau's red and green, which the old palette gave fused and a linear-family variant.
    expect(deltaE('#e15759', '#59a14f', 'normal')).toBeGreaterThan(50);
    expect(deltaE('#e15759', '#59a14f', 'deuteranopia')).toBeLessThan(5);
  });
});
