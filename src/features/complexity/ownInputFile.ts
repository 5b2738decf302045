import { type InputLimits, inputsFromNpz } from '../../core/npy/attentionInputs';
import { type NpyArray, NpyError, parseNpy } from '../../core/npy/npy';
import { NPZ_LIMITS, parseNpz } from '../../core/npy/npz';
import { SWEEP_LIMITS, type SweepInputs } from '../../worker/sweepProtocol';
import { D_RANGE, HEADS_RANGE } from './model/labConfig';
import type { OwnInput } from './ownInputs';

/**
 * Reads a picked .npz, or three .npy files (q, k, v), into the lab's own inputs (loaded on first
 * use: it carries the parser).
 */

type FileLike = Blob & { name: string };

/** What a file may hold: the sizes the worker accepts. */
export const OWN_INPUT_LIMITS: InputLimits = {
  heads: HEADS_RANGE,
  n: SWEEP_LIMITS.n,
  d: D_RANGE,
  dv: D_RANGE,
};

const NAME_CHARS = 200;
const MiB = 1024 * 1024;

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/** The file's name as results record it: at most 200 characters. */
export const fileName = (name: string) =>
  name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name || 'unnamed.npz';

/** Refuse files over the size limit before reading them. */
function checkSize(bytes: number, name: string): void {
  if (bytes > NPZ_LIMITS.maxBytes) {
    throw new NpyError(
      `${name}: ${(bytes / MiB).toFixed(1)} MiB, larger than the limit of ` +
        `${NPZ_LIMITS.maxBytes / MiB} MiB`,
    );
  }
}

async function sha256Of(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<string> {
  if (!globalThis.crypto?.subtle) {
    // Web Crypto exists only in secure contexts (https, localhost).
    throw new NpyError(`${name}: this page cannot hash the file (Web Crypto needs https)`);
  }
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

/** The own input of parsed q, k, v arrays (checked against the lab's limits), hashed bytes. */
async function ownInputOf(
  arrays: ReadonlyMap<string, NpyArray>,
  name: string,
  hashed: Uint8Array<ArrayBuffer>,
): Promise<OwnInput> {
  const { inputs, notes } = inputsFromNpz(arrays, name, OWN_INPUT_LIMITS);
  const q = arrays.get('q');
  if (!q) throw new NpyError(`${name}: missing "q"`); // inputsFromNpz checked it already
  const sha256 = await sha256Of(hashed, name);
  return {
    info: { name, shape: [...q.shape], dtype: q.dtype, sha256 },
    inputs: inputs as SweepInputs,
    notes,
  };
}

/** Read, parse and hash a .npz; throws NpyError (naming the file) on any fault. */
export async function readOwnInput(file: FileLike): Promise<OwnInput> {
  const name = fileName(file.name);
  checkSize(file.size, name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return ownInputOf(parseNpz(bytes, name), name, bytes);
}

/** Which of q, k, v a .npy file is by its name: q.npy, or a name ending in _q.npy, -q.npy, .q.npy. */
export function qkvKeyOf(name: string): 'q' | 'k' | 'v' | null {
  const m = /(?:^|[_.-])([qkv])\.npy$/i.exec(name);
  return m ? (m[1].toLowerCase() as 'q' | 'k' | 'v') : null;
}

const TRIPLE_HINT = 'pick one .npz, or three .npy files named q.npy, k.npy and v.npy';

/**
 * Three .npy files, told apart by name. The recorded name lists them in q, k, v order, and the
 * SHA-256 is of their bytes concatenated in that order.
 */
export async function readNpyTriple(files: readonly FileLike[]): Promise<OwnInput> {
  const byKey = new Map<'q' | 'k' | 'v', FileLike>();
  for (const file of files) {
    const key = qkvKeyOf(file.name);
    if (!key) throw new NpyError(`${fileName(file.name)}: not named as q, k or v; ${TRIPLE_HINT}`);
    if (byKey.has(key)) throw new NpyError(`two files are "${key}"; ${TRIPLE_HINT}`);
    byKey.set(key, file);
  }
  const ordered = (['q', 'k', 'v'] as const).map((key) => byKey.get(key) as FileLike);
  const name = fileName(ordered.map((f) => fileName(f.name)).join(' + '));
  const total = ordered.reduce((sum, f) => sum + f.size, 0);
  checkSize(total, name);
  const parts = await Promise.all(ordered.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  const arrays = new Map(
    (['q', 'k', 'v'] as const).map((key, i) => [
      key,
      parseNpy(parts[i], fileName(ordered[i].name)),
    ]),
  );
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return ownInputOf(arrays, name, joined);
}

/** What the file picker gave: one .npz, or three .npy files. */
export function readOwnInputs(files: readonly FileLike[]): Promise<OwnInput> {
  if (files.length === 1) return readOwnInput(files[0]);
  if (files.length === 3) return readNpyTriple(files);
  return Promise.reject(new NpyError(`${files.length} files picked; ${TRIPLE_HINT}`));
}
