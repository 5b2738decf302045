import { type ParseArgsConfig, parseArgs } from 'node:util';
import { INPUT_KINDS, type InputKind } from '../core/inputs';
import { CliError } from './errors';

/** Flag parsing and value checks shared by the commands; every problem is a CliError. */

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/** Parse `argv` strictly: an unknown flag, a missing value or a stray argument is a CliError. */
export function parseFlags(command: string, argv: string[], options: Options): Values {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) {
      throw new CliError(`${command}: unexpected argument "${positionals[0]}"`);
    }
    return values as Values;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: string }).code;
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const known = Object.keys(options).map((name) => `--${name}`);
      throw new CliError(`${command}: unknown flag ${flag} (flags: ${known.join(', ')})`);
    }
    // parseArgs explains over several lines; its first line names the problem.
    const first = message.split('\n')[0];
    const hint = /ambiguous/.test(first)
      ? ' (a missing value? write --flag=VALUE for one starting with "-")'
      : '';
    throw new CliError(`${command}: ${first}${hint}`);
  }
}

export const str = (v: Values, key: string): string | undefined =>
  typeof v[key] === 'string' ? (v[key] as string) : undefined;

export function required(v: Values, key: string, command: string): string {
  const value = str(v, key);
  if (value === undefined || value === '') throw new CliError(`${command}: --${key} is required`);
  return value;
}

export function positiveInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new CliError(`--${flag} must be a positive integer, got "${text}"`);
  }
  return n;
}

export function nonNegativeInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new CliError(`--${flag} must be an integer ≥ 0, got "${text}"`);
  }
  return n;
}

export function intList(flag: string, text: string | undefined, fallback: number[]): number[] {
  if (text === undefined) return fallback;
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === ''))
    throw new CliError(`--${flag} must be a comma-separated list, got "${text}"`);
  return parts.map((p) => positiveInt(flag, p, 0));
}

export function finiteNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x))
    throw new CliError(`--${flag} must be a finite number, got "${text}"`);
  return x;
}

export function inputKind(text: string | undefined): InputKind {
  if (text === undefined) return 'gaussian';
  if (!(INPUT_KINDS as readonly string[]).includes(text)) {
    throw new CliError(`--input-kind must be one of ${INPUT_KINDS.join(', ')}, got "${text}"`);
  }
  return text as InputKind;
}

/** NAME=VALUE pairs (the sweep's names are ID.NAME), values finite numbers. */
export function paramPairs(list: string[] | undefined): { key: string; value: number }[] {
  return (list ?? []).map((pair) => {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    const value = Number(pair.slice(eq + 1));
    if (eq <= 0 || pair.slice(eq + 1).trim() === '' || !Number.isFinite(value)) {
      throw new CliError(`--param expects NAME=NUMBER with a finite number, got "${pair}"`);
    }
    return { key, value };
  });
}
