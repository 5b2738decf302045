import type { AttentionInputs, HeadBlock } from '../core/headBlock';
import { type InputLimits, inputsFromNpz } from '../core/npy/attentionInputs';
import { F32_MAX, NpyError, parseNpy } from '../core/npy/npy';
import { parseNpz } from '../core/npy/npz';
import { shown } from './args';
import { CliError } from './errors';
import { parseJsonText, readRegularFile } from './jsonFile';
import { FLAG_LIMITS } from './limits';

/**
 * Reads the attention command's --input: in.json = {"q": rows, "k": rows, "v": rows}, each an
 * n×width list of rows (one head) or heads×n×width (several heads), or a numpy .npz holding
 * arrays q, k, v (numpy.savez or savez_compressed; see core/npy), told apart by the file's
 * first bytes. Every problem is reported as a CliError naming it.
 */

/** The sizes a file's Q, K, V may have: the lab's flag limits, with any n ≥ 1. */
export const INPUT_LIMITS: InputLimits = {
  heads: FLAG_LIMITS.heads,
  n: [1, FLAG_LIMITS.n[1]],
  d: FLAG_LIMITS.d,
  dv: FLAG_LIMITS.dv,
};

type Rows = number[][];

function asRows(name: string, value: unknown): Rows[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new CliError(`input: "${name}" must be a non-empty list of rows`);
  }
  const threeD = Array.isArray(value[0]) && Array.isArray(value[0][0]);
  const heads = (threeD ? value : [value]) as unknown[];
  return heads.map((rows, h) => {
    const where = threeD ? `${name} head ${h}` : name;
    if (!Array.isArray(rows) || rows.length === 0) {
      throw new CliError(`input: ${where} must be a non-empty list of rows`);
    }
    let width = -1;
    return rows.map((row, i) => {
      if (!Array.isArray(row))
        throw new CliError(`input: ${where} row ${i} is not a list of numbers`);
      if (width < 0) width = row.length;
      if (row.length !== width || width === 0) {
        throw new CliError(
          `input: ragged rows: ${where} row ${i} has ${row.length} numbers, row 0 has ${width}`,
        );
      }
      for (let t = 0; t < row.length; t++) {
        const x = row[t];
        if (typeof x !== 'number' || !Number.isFinite(x)) {
          // JSON.parse turns an overflowing literal such as 1e999 into Infinity.
          const shown = typeof x === 'number' ? String(x) : JSON.stringify(x);
          throw new CliError(
            `input: ${where} row ${i} column ${t} is not a finite number (${shown})`,
          );
        }
        if (Math.abs(x) > F32_MAX) {
          throw new CliError(
            `input: ${where} row ${i} column ${t} is not a finite number in float32 (${x})`,
          );
        }
      }
      return row as number[];
    });
  });
}

function toBlock(rowsByHead: Rows[]): HeadBlock<Float32Array> {
  const heads = rowsByHead.length;
  const n = rowsByHead[0].length;
  const width = rowsByHead[0][0].length;
  const data = new Float32Array(heads * n * width);
  let o = 0;
  for (const rows of rowsByHead) for (const row of rows) for (const x of row) data[o++] = x;
  return { heads, n, width, data };
}

function sameHeadShapes(name: string, rowsByHead: Rows[]): void {
  const [n, w] = [rowsByHead[0].length, rowsByHead[0][0].length];
  rowsByHead.forEach((rows, h) => {
    if (rows.length !== n || rows[0].length !== w) {
      throw new CliError(
        `input: ${name} head ${h} is ${rows.length}×${rows[0].length}, head 0 is ${n}×${w}`,
      );
    }
  });
}

export function parseInputs(text: string): AttentionInputs {
  const json = parseJsonText(text, 'input');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliError('input: expected an object {"q": rows, "k": rows, "v": rows}');
  }
  const obj = json as Record<string, unknown>;
  for (const key of ['q', 'k', 'v']) {
    if (!(key in obj)) throw new CliError(`input: missing "${key}" (expected {"q", "k", "v"})`);
  }
  const [q, k, v] = (['q', 'k', 'v'] as const).map((key) => {
    const rows = asRows(key, obj[key]);
    sameHeadShapes(key, rows);
    return toBlock(rows);
  });
  if (q.heads !== k.heads || q.heads !== v.heads) {
    throw new CliError(
      `input: mismatched shapes: q, k, v have ${q.heads}, ${k.heads}, ${v.heads} heads`,
    );
  }
  if (q.n !== k.n || q.n !== v.n) {
    throw new CliError(`input: mismatched shapes: q, k, v have ${q.n}, ${k.n}, ${v.n} rows`);
  }
  if (q.width !== k.width) {
    throw new CliError(
      `input: mismatched shapes: q rows have ${q.width} numbers, k rows ${k.width}`,
    );
  }
  checkSize('heads', q.heads, INPUT_LIMITS.heads);
  checkSize('rows n', q.n, INPUT_LIMITS.n);
  checkSize('q and k row width d', q.width, INPUT_LIMITS.d);
  checkSize('v row width dv', v.width, INPUT_LIMITS.dv);
  return { q, k, v };
}

/** The lab's own size limits hold for a file's shapes too. */
function checkSize(what: string, x: number, [lo, hi]: readonly [number, number]): void {
  if (x < lo || x > hi) throw new CliError(`input: ${what} is ${x}, outside [${lo}, ${hi}]`);
}

export interface InputFile {
  inputs: AttentionInputs;
  format: 'json' | 'npz';
  /** What the reader changed or left out (byte order, memory order, ignored .npz entries). */
  notes: string[];
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06]; // PK\x05\x06: a zip with no entries
const NPY = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Q, K, V from a file's bytes: a zip is an .npz, anything else JSON (unless named .npz/.npy). */
export function inputsOfBytes(bytes: Uint8Array, path: string): InputFile {
  const label = shown(path);
  const lower = path.toLowerCase();
  const zip = startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP);
  if (startsWith(bytes, NPY)) {
    throw new CliError(
      `input: ${label} is a single .npy array; attention needs q, k and v: ` +
        'save them with numpy.savez(path, q=q, k=k, v=v)',
    );
  }
  if (!zip && !lower.endsWith('.npz') && !lower.endsWith('.npy')) {
    return {
      inputs: parseInputs(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'),
      ),
      format: 'json',
      notes: [],
    };
  }
  try {
    // A file named .npy without numpy's magic gets parseNpy's own refusal.
    if (!zip && lower.endsWith('.npy')) parseNpy(bytes, label);
    return { ...inputsFromNpz(parseNpz(bytes, label), label, INPUT_LIMITS), format: 'npz' };
  } catch (err) {
    throw err instanceof NpyError ? new CliError(`input: ${err.message}`) : err;
  }
}

/** The --input file (regular, within MAX_INPUT_BYTES), read as JSON or .npz. */
export function readInputFile(path: string): InputFile {
  return inputsOfBytes(readRegularFile(path, 'input file'), path);
}

export function readInputs(path: string): AttentionInputs {
  return readInputFile(path).inputs;
}
