import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { shown } from './args';
import { CliError } from './errors';
import { MAX_INPUT_BYTES, MAX_JSON_DEPTH } from './limits';

/**
 * Files the CLI reads: regular files only (a device such as /dev/zero, a FIFO or a folder is
 * refused without reading), at most a stated size (counted while reading, so a file that grows
 * or lies about its size is stopped too), and JSON nested at most MAX_JSON_DEPTH deep (checked
 * before JSON.parse, so a 100 000-deep file is an error line, never a stack overflow).
 */

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? 'error';

/** The bytes of a regular file, refused past `maxBytes`. */
export function readRegularFile(path: string, what: string, maxBytes = MAX_INPUT_BYTES): Buffer {
  const name = `${what} ${shown(path)}`;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new CliError(`cannot read ${name} (${codeOf(err)})`);
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) {
      const kind = s.isDirectory() ? 'a folder' : 'not a regular file';
      throw new CliError(`cannot read ${name}: it is ${kind}`);
    }
    const tooBig = () =>
      new CliError(`cannot read ${name}: larger than ${maxBytes / 1024 ** 2} MiB (the limit)`);
    if (s.size > maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      total += got;
      if (total > maxBytes) throw tooBig();
      chunks.push(chunk.subarray(0, got));
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${name} (${codeOf(err)})`);
  } finally {
    closeSync(fd);
  }
}

/** The deepest nesting of `[` and `{` outside strings (a linear scan, no recursion). */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** JSON.parse with the nesting limit first; any problem is a CliError naming `what`. */
export function parseJsonText(text: string, what: string): unknown {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new CliError(`${what}: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(
      `${what}: malformed JSON (${err instanceof Error ? shown(err.message) : 'unreadable'})`,
    );
  }
}

/** A regular, bounded, shallow JSON file, parsed. */
export function readJsonFile(path: string, what: string, maxBytes = MAX_INPUT_BYTES): unknown {
  const bytes = readRegularFile(path, what, maxBytes);
  return parseJsonText(bytes.toString('utf8'), `${what} ${shown(path)}`);
}
