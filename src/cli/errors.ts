/** Bad input from the user: the CLI prints the message on one line and exits with 2. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Exit codes: 0 success, 1 internal failure, 2 bad input. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** One line, whatever the message holds. */
export const oneLine = (message: string) => message.replace(/\s*\n\s*/g, ' ').trim();
