/** Small text helpers shared by every parser that quotes what it was given. */

/** How much of a value a notice quotes: enough to recognise it, never a 100 kB string. */
export const QUOTED_CHARS = 40;

/** A value from a URL or a file, cut to QUOTED_CHARS with an ellipsis, for a notice. */
export const quoted = (raw: string): string =>
  raw.length > QUOTED_CHARS ? `${raw.slice(0, QUOTED_CHARS)}…` : raw;
