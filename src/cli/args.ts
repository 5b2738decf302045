import { type ParseArgsConfig, parseArgs } from 'node:util';
import { INPUT_KINDS, type InputKind } from '../core/inputs';
import { messageOf } from '../core/messageOf';
import { CliError } from './errors';
import { FLAG_LIMITS, MAX_ARG_CHARS, type Range } from './limits';

/** Flag parsing and value checks shared by the commands; every problem is a CliError. */

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/** Flags that say the same thing: giving both is an error, not a silent choice. */
const SYNONYMS: readonly (readonly [string, string])[] = [['out', 'output']];

/** A value as an error message shows it: one line, at most 120 characters. */
export const shown = (text: string): string => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const line = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
};

/**
 * Parse `argv` strictly: an unknown flag, a missing value, a stray argument, a flag given twice
 * (unless it is a list flag), two synonyms together or an over-long argument is a CliError.
 */
export function parseFlags(command: string, argv: string[], options: Options): Values {
  const long = argv.find((a) => a.length > MAX_ARG_CHARS);
  if (long !== undefined) {
    throw new CliError(
      `${command}: an argument is ${long.length} characters long (at most ${MAX_ARG_CHARS}): "${shown(long)}"`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (err) {
    throw flagError(command, err, options);
  }
  const { values, positionals, tokens } = parsed;
  if (positionals.length > 0) {
    throw new CliError(`${command}: unexpected argument "${shown(positionals[0])}"`);
  }
  const seen = new Set<string>();
  for (const t of tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name) && options[t.name]?.multiple !== true) {
      throw new CliError(`${command}: --${t.name} given twice (give each flag once)`);
    }
    seen.add(t.name);
  }
  for (const [a, b] of SYNONYMS) {
    if (seen.has(a) && seen.has(b)) {
      throw new CliError(`${command}: --${a} and --${b} name the same thing; give one of them`);
    }
  }
  return values as Values;
}

/** parseArgs's own error as a one-line CliError naming the flag. */
function flagError(command: string, err: unknown, options: Options): CliError {
  const message = messageOf(err);
  const code = (err as { code?: string }).code;
  const flag = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const known = Object.keys(options).map((name) => `--${name}`);
    return new CliError(`${command}: unknown flag ${shown(flag)} (flags: ${known.join(', ')})`);
  }
  // parseArgs explains over several lines; its first line names the problem.
  const first = shown(message.split('\n')[0]);
  const hint = /ambiguous/.test(first)
    ? ' (a missing value? write --flag=VALUE for one starting with "-")'
    : '';
  return new CliError(`${command}: ${first}${hint}`);
}

export const str = (v: Values, key: string): string | undefined =>
  typeof v[key] === 'string' ? (v[key] as string) : undefined;

export function required(v: Values, key: string, command: string): string {
  const value = str(v, key);
  if (value === undefined || value === '') throw new CliError(`${command}: --${key} is required`);
  return value;
}

/** The range of an integer flag: its FLAG_LIMITS entry, else any safe integer. */
const rangeOf = (flag: string, lo: number): Range =>
  Object.hasOwn(FLAG_LIMITS, flag) ? FLAG_LIMITS[flag] : [lo, Number.MAX_SAFE_INTEGER];

function boundedInt(flag: string, text: string, lo: number, what: string): number {
  const n = Number(text);
  if (!/^\d{1,16}$/.test(text.trim()) || !Number.isSafeInteger(n) || n < lo) {
    throw new CliError(`--${flag} must be ${what}, got "${shown(text)}"`);
  }
  const [min, max] = rangeOf(flag, lo);
  if (n < min || n > max) throw new CliError(`--${flag} must be in [${min}, ${max}], got ${n}`);
  return n;
}

/** A positive integer within the flag's FLAG_LIMITS range. */
export function positiveInt(flag: string, text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : boundedInt(flag, text, 1, 'a positive integer');
}

/** An integer ≥ 0 within the flag's FLAG_LIMITS range. */
export function nonNegativeInt(flag: string, text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : boundedInt(flag, text, 0, 'an integer ≥ 0');
}

/** A comma-separated list of items, none empty (`,` or `a,,b` is an error). */
export function list(flag: string, text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) {
    throw new CliError(`--${flag} must be a comma-separated list, got "${shown(text)}"`);
  }
  return parts;
}

export function intList(flag: string, text: string | undefined, fallback: number[]): number[] {
  const parts = list(flag, text);
  return parts === undefined ? fallback : parts.map((p) => positiveInt(flag, p, 0));
}

export function finiteNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x))
    throw new CliError(`--${flag} must be a finite number, got "${shown(text)}"`);
  return x;
}

export function inputKind(text: string | undefined): InputKind {
  if (text === undefined) return 'gaussian';
  if (!(INPUT_KINDS as readonly string[]).includes(text)) {
    throw new CliError(
      `--input-kind must be one of ${INPUT_KINDS.join(', ')}, got "${shown(text)}"`,
    );
  }
  return text as InputKind;
}

/** A parameter name: letters, digits and underscores, never one of Object's own names. */
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const isObjectName = (name: string) => name in Object.prototype;

/**
 * NAME=VALUE pairs (the sweep's names are ID.NAME), values finite numbers; a name given twice,
 * or one that is not a plain identifier (`__proto__`, `constructor`), is an error.
 */
export function paramPairs(pairs: string[] | undefined): { key: string; value: number }[] {
  const seen = new Set<string>();
  return (pairs ?? []).map((pair) => {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    const value = Number(pair.slice(eq + 1));
    if (eq <= 0 || pair.slice(eq + 1).trim() === '' || !Number.isFinite(value)) {
      throw new CliError(`--param expects NAME=NUMBER with a finite number, got "${shown(pair)}"`);
    }
    const parts = key.split('.');
    if (parts.length > 2 || parts.some((p) => !PARAM_NAME.test(p) || isObjectName(p))) {
      throw new CliError(`--param: "${shown(key)}" is not a parameter name`);
    }
    if (seen.has(key)) throw new CliError(`--param ${key} given twice`);
    seen.add(key);
    return { key, value };
  });
}

/** The pairs as a record with only own, plain keys (no prototype to poison). */
export function paramRecord(pairs: { key: string; value: number }[]): Record<string, number> {
  return Object.fromEntries(pairs.map((p) => [p.key, p.value]));
}
