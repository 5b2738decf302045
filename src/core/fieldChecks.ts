/**
 * Checks for values parsed from outside (worker messages, JSON files, URLs): a plain record of
 * fields, and numbers in a closed range.
 */

export type Fields = Record<string, unknown>;

export const isObject = (x: unknown): x is Fields => typeof x === 'object' && x !== null;

/** A finite number in [lo, hi]. */
export const inRange = (v: unknown, [lo, hi]: readonly [number, number]): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/** An integer in [lo, hi]. */
export const isIntIn = (v: unknown, range: readonly [number, number]): v is number =>
  Number.isInteger(v) && inRange(v, range);
