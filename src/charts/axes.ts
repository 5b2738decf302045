import { formatBytes, formatError, formatMs, formatN } from '../shared/numberFormat';

/**
 * The axes the figures share, each once: its label and how its numbers read. Spread into a
 * LineChart (`<LineChart {...N_AXIS} {...TIME_AXIS_Y} …/>`).
 */

/** Sequence length n along x: 64, 1K, 16K on powers of two. */
export const N_AXIS = { xLabel: 'sequence length n', formatX: formatN } as const;

/** Time per call along y. */
export const TIME_AXIS_Y = { yLabel: 'time per call', formatY: formatMs } as const;

/** Time per call along x (the error–time frontier): ticks where they fall, not on powers of two. */
export const TIME_AXIS_X = {
  xLabel: 'time per call',
  formatX: formatMs,
  xTicks: 'auto',
} as const;

/** Relative error along y. */
export const ERROR_AXIS_Y = { yLabel: 'relative error', formatY: formatError } as const;

/** Bytes along y, ticks on powers of two. */
export const BYTES_AXIS_Y = { yLabel: 'bytes', formatY: formatBytes, yTicks: 'pow2' } as const;
