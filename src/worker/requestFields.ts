import * as v from 'valibot';
import { isPow2 } from '../core/pow2';
import { expected, fieldPath, shown } from '../core/schemas/issues';

/**
 * The field kinds of the worker's request schemas (pure: valibot and core only), beside
 * core/schemas/fields. A refusal reads "config.ns[2]: expected a power of two in [16, 16384],
 * got 100": the field's path, what was expected, what came.
 */

/** The id every request carries. */
export const requestId = () => {
  const what = 'a non-negative integer id';
  return v.pipe(
    v.number(expected(what)),
    v.safeInteger(expected(what)),
    v.minValue(0, expected(what)),
  );
};

/** A finite number in [lo, hi]. */
export const numberIn = ([lo, hi]: readonly [number, number]) => {
  const what = `a number in [${lo}, ${hi}]`;
  return v.pipe(
    v.number(expected(what)),
    v.finite(expected(what)),
    v.minValue(lo, expected(what)),
    v.maxValue(hi, expected(what)),
  );
};

/** A power of two in [lo, hi]. */
export const pow2In = ([lo, hi]: readonly [number, number]) => {
  const what = `a power of two in [${lo}, ${hi}]`;
  return v.pipe(
    v.number(expected(what)),
    v.integer(expected(what)),
    v.minValue(lo, expected(what)),
    v.maxValue(hi, expected(what)),
    v.check(isPow2, expected(what)),
  );
};

/** A number in (0, lo…1]: a MoD capacity C/S. */
export const capacityIn = (lo: number) => {
  const what = lo > 0 ? `a number in [${lo}, 1]` : 'a number in (0, 1]';
  return v.pipe(
    v.number(expected(what)),
    v.finite(expected(what)),
    v.gtValue(0, expected(what)),
    v.minValue(lo, expected(what)),
    v.maxValue(1, expected(what)),
  );
};

export const oneOf = <const T extends readonly string[]>(options: T, what?: string) =>
  v.picklist(options, expected(what ?? `one of ${options.join(', ')}`));

type Key = string | number;

/** A valibot path from `root` down through `keys` (for issues raised by a cross-field check). */
export function pathTo(
  root: unknown,
  keys: readonly Key[],
): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const out: v.IssuePathItem[] = [];
  let at: unknown = root;
  for (const key of keys) {
    const value = (at as Record<Key, unknown> | null)?.[key];
    out.push(
      (typeof key === 'number'
        ? { type: 'array', origin: 'value', input: at, key, value }
        : { type: 'object', origin: 'value', input: at, key, value }) as v.IssuePathItem,
    );
    at = value;
  }
  return out as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/** A cross-field check: `problem` returns the keys of the bad field and its message, or null. */
export function crossCheck<T>(problem: (x: T) => [readonly Key[], string] | null) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const found = problem(dataset.value);
    if (found) addIssue({ message: found[1], path: pathTo(dataset.value, found[0]) });
  });
}

/** "expected …, got …" for a value a cross-field check found. */
export const expectedGot = (what: string, got: unknown) => `expected ${what}, got ${shown(got)}`;

/** A list whose items do not repeat; a repeat is named by its index. */
export const distinct = <T>() =>
  crossCheck<T[]>((list) => {
    const i = list.findIndex((x, j) => list.indexOf(x) !== j);
    return i < 0 ? null : [[i], expectedGot('a value not already in the list', list[i])];
  });

/** A non-empty list of at most `max` distinct items. */
export const distinctList = <S extends v.GenericSchema<unknown, string | number>>(
  item: S,
  max: number,
) =>
  v.pipe(
    v.array(item, expected('a non-empty list')),
    v.minLength(1, expected('a non-empty list')),
    v.maxLength(max, expected(`a list of at most ${max} values`)),
    distinct<v.InferOutput<S>>(),
  );

/** The first problem of `data` under `schema` as "path: message", or null. */
export function problemOf(schema: v.GenericSchema, data: unknown): string | null {
  const result = v.safeParse(schema, data, { abortEarly: true, abortPipeEarly: true });
  return result.success ? null : issueText(result.issues[0]);
}

/** "config.ns[2]: expected …, got …" (the message alone for the value as a whole). */
export const issueText = (issue: v.BaseIssue<unknown>): string =>
  issue.path?.length ? `${fieldPath(issue.path)}: ${issue.message}` : issue.message;

/** Compile-time check that a schema's output fits the request's interface. */
export type Fits<A, B> = [A] extends [B] ? true : false;

/** Compile-time check that two types are the same. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
