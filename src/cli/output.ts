import { randomBytes } from 'node:crypto';
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors';

/**
 * Results go to a file whole or not at all: written to a temp file beside the target and
 * renamed over it at the end. The target is checked before any work, so a typo in --output
 * fails at once rather than after an hour of sweeping.
 */

/** A CliError unless `path` can be created or replaced (its folder exists and is writable). */
export function checkOutputPath(path: string): void {
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw new Error('ENOTDIR');
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CliError(`cannot write output file ${path}: folder ${dir} is not writable (${code})`);
  }
  try {
    if (statSync(path).isDirectory()) {
      throw new CliError(`cannot write output file ${path}: it is a folder`);
    }
  } catch (err) {
    if (err instanceof CliError) throw err; // absent is fine: it will be created
  }
}

/** Write the whole file or nothing: a temp file in the same folder, renamed at the end. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(`cannot write output file ${path} (${code})`);
  }
}
