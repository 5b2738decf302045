import { findSpec } from '../../core/variantSpecs';
import { isMeasured } from '../../engine/results';
import { formatBytes, formatMs, formatN } from '../../shared/numberFormat';
import { PrecomputedChart, useLabStore } from '../complexity';

/** The variants this step compares; any the shipped run lacks are named, not silently dropped. */
export const FLASH_VARIANTS = ['dense', 'flash', 'fused'] as const;
const label = (id: string) => findSpec(id)?.label ?? id;

/**
 * Dense, composed tiling (flash) and the fused kernel from the shipped reference run, in time and
 * in memory, and a line comparing them at the largest n all of them ran.
 */
export function FlashFigure() {
  const set = useLabStore((s) => s.precomputed.set);
  const rows = (set?.rows ?? []).filter(isMeasured);
  const present = FLASH_VARIANTS.filter((v) => rows.some((r) => r.variant === v));
  const missing = FLASH_VARIANTS.filter((v) => !present.includes(v));
  const shared = Math.max(
    0,
    ...rows
      .filter((r) => present.every((v) => rows.some((o) => o.variant === v && o.n === r.n)))
      .map((r) => r.n),
  );
  const at = present.flatMap((v) => rows.filter((r) => r.variant === v && r.n === shared));
  return (
    <div className="flash-figure">
      {missing.length > 0 && set ? (
        <p className="notice warn">
          The shipped run has no {missing.map(label).join(', ')}: the lab measures{' '}
          {missing.length === 1 ? 'it' : 'them'} live.
        </p>
      ) : null}
      <div className="flash-charts">
        <PrecomputedChart panel="time" variants={FLASH_VARIANTS} />
        <PrecomputedChart panel="memory" variants={FLASH_VARIANTS} />
      </div>
      {at.length > 1 ? (
        <p className="chart-note" data-testid="flash-compare">
          At n = {formatN(shared)}:{' '}
          {at
            .map((r) => `${label(r.variant)} ${formatMs(r.msMedian)}, ${formatBytes(r.peakBytes)}`)
            .join(' · ')}{' '}
          (time per call, measured peak memory).
        </p>
      ) : null}
    </div>
  );
}
