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

type Cell = string | number | boolean | null | undefined;

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: the header row, then one line per record; CRLF line ends, quoted as needed. */
export function toCsv(
  columns: readonly string[],
  records: readonly Record<string, Cell>[],
): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Parse RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
