import * as v from 'valibot';

/**
 * How a schema's first problem reads: the field's path as in the file ("rows[12].msMedian"),
 * then what was expected and what was found, short enough for a notice (a 100 kB string in a
 * file never reaches the page).
 */

/** A file (or a server's answer) that is not what the app expected; the message names the field. */
export class FileSchemaError extends Error {
  override name = 'FileSchemaError';
  constructor(
    /** "rows[12].msMedian", or "(the file)" for the whole document. */
    readonly field: string,
    readonly why: string,
  ) {
    super(`${field}: ${why}`);
  }
}

const SHOWN_CHARS = 40;

/** A value as a message shows it: numbers and short strings as they are, others by their kind. */
export function shown(x: unknown): string {
  if (typeof x === 'string') {
    return x.length > SHOWN_CHARS ? `a string of ${x.length} characters` : JSON.stringify(x);
  }
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return typeof x === 'object' ? 'an object' : typeof x;
}

/** "expected a positive finite number, got "abc"" — the message of a field's check. */
export const expected =
  (what: string) =>
  (issue: { input: unknown }): string =>
    `expected ${what}, got ${shown(issue.input)}`;

/** "rows[12].msMedian" from valibot's issue path. */
export function fieldPath(path: readonly { key?: unknown; type: string }[] | undefined): string {
  if (!path || path.length === 0) return '(the file)';
  let out = '';
  for (const item of path) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

type AnySchema = v.GenericSchema<unknown, unknown>;

/**
 * Parse with a schema, stopping at the first problem (a hostile file with 65 000 bad rows costs
 * one message, not 65 000); throws FileSchemaError naming the field.
 */
export function parseOrThrow<S extends AnySchema>(schema: S, data: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, data, { abortEarly: true, abortPipeEarly: true });
  if (result.success) return result.output as v.InferOutput<S>;
  const issue = result.issues[0];
  throw new FileSchemaError(fieldPath(issue.path), issue.message);
}
