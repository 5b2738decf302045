import { describe, expect, it } from 'vitest';
import type { AccuracyReport, ModelInfo } from '../../core/model/trace';
import { CLAIM_MARGIN, checkClaim } from './accuracyClaim';

const model = {
  id: 'pre',
  accuracy: 0.998,
  config: {},
} as unknown as ModelInfo;
const report = (exactAccuracy: number, extra: Partial<AccuracyReport> = {}) =>
  ({ model: 'pre', exactAccuracy, variantAccuracy: exactAccuracy, ...extra }) as AccuracyReport;

describe('the manifest’s accuracy against the measured one', () => {
  it('agrees within the margin and warns beyond it (all-zero weights score about 1/4)', () => {
    expect(checkClaim(model, report(0.99))).toEqual({
      claimed: 0.998,
      measured: 0.99,
      agrees: true,
    });
    expect(checkClaim(model, report(0.998 - CLAIM_MARGIN - 0.001))?.agrees).toBe(false);
    expect(checkClaim(model, report(0.25))?.agrees).toBe(false);
  });

  it('compares only a measurement of the same model as trained', () => {
    expect(checkClaim(model, null)).toBeNull();
    expect(checkClaim(model, report(0.25, { model: 'post' }))).toBeNull();
    expect(checkClaim({ ...model, accuracy: null }, report(0.25))).toBeNull();
    const mod = { ...model, config: { mod: { capacity: 0.5 } } } as unknown as ModelInfo;
    expect(checkClaim(mod, report(0.25, { capacity: 0.25 }))).toBeNull();
    expect(checkClaim(mod, report(0.25, { capacity: 0.5 }))?.agrees).toBe(false);
  });
});
