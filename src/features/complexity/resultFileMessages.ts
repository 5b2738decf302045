import type { ResultSet } from './precomputed';

/** What the result-file worker sends back: row slices, then the rest of the set or a refusal. */
export type ResultFileMessage =
  | { kind: 'rows'; rows: ResultSet['rows'] }
  | { kind: 'done'; set: Omit<ResultSet, 'rows'> }
  | { kind: 'refused'; reason: string };

/** Rows per message: small enough that copying one into the page is a short task. */
export const ROWS_PER_MESSAGE = 5000;
