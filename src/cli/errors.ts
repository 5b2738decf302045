/** Bad input from the user: the CLI prints the message on one line and exits with 2. */
export class CliError extends Error {
  override name = 'CliError';
}

/**
 * Exit codes: 0 success; 2 any failure, bad input or internal (one line on stderr, starting
 * "error:" or "internal error:"), so scripts test one code; 1 only for `bench --strict` whose
 * run succeeded but whose checks failed (a measured verdict, not a failure to run).
 */
export const EXIT = { ok: 0, checksFailed: 1, failure: 2 } as const;

/** Longest error line printed (a message quoting a huge value stays readable). */
const MAX_LINE = 2000;

/** One line, whatever the message holds (line breaks and other control characters become spaces). */
export function oneLine(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}
