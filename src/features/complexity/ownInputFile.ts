import { type InputLimits, inputsFromNpz } from '../../core/npy/attentionInputs';
import { NpyError } from '../../core/npy/npy';
import { NPZ_LIMITS, parseNpz } from '../../core/npy/npz';
import { SWEEP_LIMITS, type SweepInputs } from '../../worker/sweepProtocol';
import { D_RANGE, HEADS_RANGE } from './model/labConfig';
import type { OwnInput } from './ownInputs';

/** Reads a picked .npz into the lab's own inputs (loaded on first use: it carries the parser). */

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

/** Read, parse and hash a .npz; throws NpyError (naming the file) on any fault. */
export async function readOwnInput(file: Blob & { name: string }): Promise<OwnInput> {
  const name = fileName(file.name);
  if (file.size > NPZ_LIMITS.maxBytes) {
    throw new NpyError(
      `${name}: ${(file.size / MiB).toFixed(1)} MiB, larger than the limit of ` +
        `${NPZ_LIMITS.maxBytes / MiB} MiB`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const arrays = parseNpz(bytes, name);
  const { inputs, notes } = inputsFromNpz(arrays, name, OWN_INPUT_LIMITS);
  const q = arrays.get('q');
  if (!q) throw new NpyError(`${name}: missing "q"`); // inputsFromNpz checked it already
  if (!globalThis.crypto?.subtle) {
    // Web Crypto exists only in secure contexts (https, localhost).
    throw new NpyError(`${name}: this page cannot hash the file (Web Crypto needs https)`);
  }
  const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
  return {
    info: { name, shape: [...q.shape], dtype: q.dtype, sha256 },
    inputs: inputs as SweepInputs,
    notes,
  };
}
