import * as v from 'valibot';
import { expected } from './issues';

/** The field kinds the file schemas share, each with a message that says what it expected. */

const POSITIVE = 'a positive finite number';
const NON_NEGATIVE = 'a finite number ≥ 0';

/** A finite number > 0 (times, sizes) in [min, max] (a log axis needs both ends sane). */
export const positive = (max = Number.MAX_VALUE, min = Number.MIN_VALUE) =>
  v.pipe(
    v.number(expected(POSITIVE)),
    v.finite(expected(POSITIVE)),
    v.gtValue(0, expected(POSITIVE)),
    v.minValue(min, expected(`a number ≥ ${min}`)),
    v.maxValue(max, expected(`a number ≤ ${max}`)),
  );

/** A finite number ≥ 0 (errors, byte counts). */
export const nonNegative = () =>
  v.pipe(
    v.number(expected(NON_NEGATIVE)),
    v.finite(expected(NON_NEGATIVE)),
    v.minValue(0, expected(NON_NEGATIVE)),
  );

/** Any finite number (fit slopes and intercepts). */
export const finite = () =>
  v.pipe(v.number(expected('a finite number')), v.finite(expected('a finite number')));

/** An integer in [lo, hi]. */
export const intIn = ([lo, hi]: readonly [number, number]) => {
  const what = `an integer in [${lo}, ${hi}]`;
  return v.pipe(
    v.number(expected(what)),
    v.integer(expected(what)),
    v.minValue(lo, expected(what)),
    v.maxValue(hi, expected(what)),
  );
};

/** A string of 1 … max characters. */
export const shortString = (max: number) => {
  const what = `a string of 1 to ${max} characters`;
  return v.pipe(
    v.string(expected(what)),
    v.minLength(1, expected(what)),
    v.maxLength(max, expected(what)),
  );
};

/** A string of at most max characters (may be empty). */
export const text = (max: number) =>
  v.pipe(
    v.string(expected(`a string of at most ${max} characters`)),
    v.maxLength(max, expected(`a string of at most ${max} characters`)),
  );

/** A list of at most max items of one kind. */
export const listOf = <S extends v.GenericSchema>(item: S, max: number) =>
  v.pipe(
    v.array(item, expected('a list')),
    v.maxLength(max, expected(`a list of at most ${max} items`)),
  );

export const bool = () => v.boolean(expected('true or false'));

/** valibot reports a missing key with the object's message: say which it is. */
const objectMessage = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'missing (a required field)' : expected(what)(issue);

/** An object; a missing one says so, a wrong one says what it should have been. */
export const object = <E extends v.ObjectEntries>(entries: E, what = 'an object') =>
  v.object(entries, objectMessage(what));
export const looseObject = <E extends v.ObjectEntries>(entries: E, what = 'an object') =>
  v.looseObject(entries, objectMessage(what));
