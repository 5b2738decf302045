import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { messageOf } from '../core/messageOf';
import { shown } from './args';
import { CliError } from './errors';

/**
 * Results go to a file whole or not at all: written to a temp file beside the target and
 * renamed over it at the end. The target is checked before any work (a probe file is created
 * in its folder and removed), so a typo in --output fails at once rather than after an hour
 * of sweeping. Temp files still open are removed on every exit path (removeTempFiles, called
 * on SIGINT and SIGTERM too); those a killed run left behind are removed by the next run that
 * writes the same target.
 */

/** Longest file name most file systems take (bytes). */
const NAME_MAX = 255;

/** Temp files written but not yet renamed. */
const liveTemps = new Set<string>();

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? messageOf(err);

/** Temp name for `path`: `.NAME.PID.HEX.tmp`, NAME cut so the whole stays a legal name. */
function tempName(path: string): string {
  const hex = randomBytes(4).toString('hex');
  return join(dirname(path), `.${basename(path).slice(0, 100)}.${process.pid}.${hex}.tmp`);
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove temp files of `path` left by runs that are no longer alive (kill -9, power loss). */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path).slice(0, 100)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length - 1));
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/** Remove every temp file this process still has open; never throws (it runs while exiting). */
export function removeTempFiles(): void {
  for (const tmp of liveTemps) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Best effort: the error being reported matters more than a leftover temp file.
    }
  }
  liveTemps.clear();
}

/** A CliError unless `path` names a regular file that can be created or replaced. */
export function checkOutputPath(path: string): void {
  const fail = (why: string) => new CliError(`cannot write output file ${shown(path)}: ${why}`);
  if (path.trim() === '') throw fail('the name is empty');
  if (/[\\/]$/.test(path) || ['.', '..'].includes(basename(path))) {
    throw fail('it names a folder, not a file');
  }
  const name = basename(path);
  if (Buffer.byteLength(name) > NAME_MAX) {
    throw fail(`the file name is ${Buffer.byteLength(name)} bytes long (at most ${NAME_MAX})`);
  }
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw fail(`${dir} is not a folder`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw fail(`folder ${shown(dir)} is not writable (${codeOf(err)})`);
  }
  try {
    const s = statSync(path);
    if (s.isDirectory()) throw fail('it is a folder');
    if (!s.isFile()) throw fail('it is not a regular file');
  } catch (err) {
    if (err instanceof CliError) throw err; // absent is fine: it will be created
  }
  probe(resolve(path), dir, fail);
  removeStaleTemps(resolve(path));
}

/** Create and remove an empty temp file for `path`: proves files can be written in `dir`. */
function probe(path: string, dir: string, fail: (why: string) => CliError): void {
  const file = tempName(path);
  try {
    writeFileSync(file, '', { flag: 'wx' });
  } catch (err) {
    throw fail(`folder ${shown(dir)} is not writable (${codeOf(err)})`);
  }
  try {
    rmSync(file, { force: true });
  } catch {
    // The probe is empty and named as a temp file: the next run writing there removes it.
  }
}

/** A CliError unless `dir` is a writable folder, or can be made inside one. */
export function checkOutputFolder(dir: string): void {
  const fail = (why: string) => new CliError(`cannot write to folder "${shown(dir)}": ${why}`);
  if (dir.trim() === '') throw fail('the name is empty');
  const long = resolve(dir)
    .split(sep)
    .find((part) => Buffer.byteLength(part) > NAME_MAX);
  if (long !== undefined) throw fail(`the name "${shown(long)}" is over ${NAME_MAX} bytes long`);
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw fail(`${shown(at)} is not a folder`);
      break;
    } catch (err) {
      if (err instanceof CliError) throw err;
      if (codeOf(err) !== 'ENOENT') throw fail(`${shown(at)}: ${codeOf(err)}`);
      const up = dirname(at);
      if (up === at) throw fail(`no folder above it exists (${codeOf(err)})`);
      at = up;
    }
  }
  probe(join(at, 'probe'), at, fail);
}

/** Write the whole file or nothing: a temp file in the same folder, renamed at the end. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempName(path);
  liveTemps.add(tmp);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (err) {
    removeTempFiles();
    throw new CliError(`cannot write output file ${shown(path)} (${codeOf(err)})`);
  } finally {
    liveTemps.delete(tmp);
  }
}
