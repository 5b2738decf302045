import type { AccuracyReport, ModelInfo } from '../../core/model/trace';

/**
 * The manifest's held-out accuracy is a claim; the accuracy panel measures the loaded weights
 * (exact softmax on held-out sequences). Beyond this margin (absolute) the two disagree: the
 * weights are not the ones the claim was made on, or the claim is wrong.
 */
export const CLAIM_MARGIN = 0.05;

export interface ClaimCheck {
  claimed: number;
  measured: number;
  agrees: boolean;
}

/** The claim beside the measurement of the same model as trained, or null when there is none. */
export function checkClaim(model: ModelInfo, report: AccuracyReport | null): ClaimCheck | null {
  if (model.accuracy === null || !report || report.model !== model.id) return null;
  // A MoD model measured at another capacity than it was trained with is not the claim's model.
  const trained = model.config.mod?.capacity;
  if (report.capacity !== undefined && trained !== undefined && report.capacity !== trained) {
    return null;
  }
  const measured = report.exactAccuracy;
  return {
    claimed: model.accuracy,
    measured,
    agrees: Math.abs(measured - model.accuracy) <= CLAIM_MARGIN,
  };
}
