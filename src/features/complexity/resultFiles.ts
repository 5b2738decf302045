import { FileSchemaError } from '../../core/schemas/issues';
import { parseJsonText } from '../../core/schemas/jsonText';
import { parseSweepFile, RESULT_LIMITS, type SweepFile } from '../../core/schemas/sweepResult';
import type { SweepRow } from '../../engine/sweep';
import type { SweepJobConfig } from '../../worker/sweepProtocol';
import type { ResultSet } from './precomputed';

/**
 * A sweep result file read for the lab ("Open results", "Compare", the pre-computed run):
 * checked by the shared schema (core/schemas/sweepResult), then completed into the request it
 * answers. Every problem is a message naming the field, never a throw.
 */

/** The request a result answers, from its config or, for the CLI's files, its provenance. */
function configOf(file: SweepFile, rows: readonly SweepRow[]): SweepJobConfig {
  const c = file.config ?? file.provenance;
  return {
    variants: c.variants ?? [...new Set(rows.map((r) => r.variant))],
    ns: c.ns ?? [...new Set(rows.map((r) => r.n))],
    d: c.d ?? 64,
    heads: c.heads ?? 1,
    causal: c.causal === true,
    inputKind: c.inputKind ?? 'gaussian',
    seed: c.seed ?? 1,
    repeats: c.repeats ?? 1,
    params: c.params ?? {},
    ...(c.inputFile ? { inputFile: c.inputFile } : {}),
    ...(c.ownKernel ? { ownKernel: c.ownKernel } : {}),
  };
}

const problemOf = (err: unknown): string => {
  if (err instanceof FileSchemaError) {
    if (err.field !== '(the file)') return err.message;
    return err.why.startsWith('expected') ? `the file: ${err.why}` : `the file is ${err.why}`;
  }
  throw err;
};

/** The result set, or the reason (naming the field) the data cannot be shown. */
export function resultSetOf(data: unknown): ResultSet | string {
  try {
    const file = parseSweepFile(data);
    const rows = file.rows as SweepRow[];
    return { config: configOf(file, rows), rows, fits: file.fits, provenance: file.provenance };
  } catch (err) {
    return problemOf(err);
  }
}

/** A result file's text, parsed and checked: the result set, or why it cannot be shown. */
export function resultSetOfText(text: string): ResultSet | string {
  let data: unknown;
  try {
    data = parseJsonText(text, RESULT_LIMITS.fileBytes);
  } catch (err) {
    return problemOf(err);
  }
  return resultSetOf(data);
}
