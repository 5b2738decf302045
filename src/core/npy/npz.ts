import { unzipSync } from 'fflate';
import { messageOf } from '../messageOf';
import { NPY_LIMITS, type NpyArray, NpyError, parseNpy } from './npy';

/**
 * numpy's .npz: a zip of .npy entries, one per keyword (numpy.savez writes them stored,
 * numpy.savez_compressed deflated). The zip's central directory is read first, inflating
 * nothing: an archive whose entries declare more than NPZ_LIMITS.maxBytes in all (a zip bomb)
 * is refused before a byte is inflated, and an entry never inflates past its declared size.
 */

export const NPZ_LIMITS = {
  /** Uncompressed bytes of all entries together, as the archive declares them. */
  maxBytes: NPY_LIMITS.maxBytes,
  /** Entries in one archive (q, k, v and whatever else was saved beside them). */
  maxEntries: 64,
} as const;

const MiB = 1024 * 1024;
const sizeText = (bytes: number) =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB (${bytes} bytes)` : `${bytes} bytes`;

const isZip = (b: Uint8Array) =>
  b.length >= 4 &&
  b[0] === 0x50 &&
  b[1] === 0x4b &&
  ((b[2] === 0x03 && b[3] === 0x04) || (b[2] === 0x05 && b[3] === 0x06));

/** The arrays of a .npz by entry name without ".npy" (numpy.savez(path, q=q) → "q"). */
export function parseNpz(bytes: Uint8Array, name: string): Map<string, NpyArray> {
  const fail = (why: string): never => {
    throw new NpyError(`${name}: ${why}`);
  };
  if (!isZip(bytes)) {
    const npy = bytes[0] === 0x93 && bytes[1] === 0x4e && bytes[2] === 0x55;
    fail(
      npy
        ? 'a single .npy array, not a .npz archive (a zip of arrays)'
        : 'not a .npz file (a .npz is a zip archive, which starts with PK\\x03\\x04)',
    );
  }
  // Pass 1: the central directory only (the filter declines every entry, so none inflates).
  const declared: { name: string; size: number }[] = [];
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (declared.length >= NPZ_LIMITS.maxEntries) {
          fail(`more than ${NPZ_LIMITS.maxEntries} entries`);
        }
        if (!entry.name.endsWith('.npy')) {
          fail(
            `entry "${entry.name.slice(0, 80)}" is not a .npy array (numpy.savez writes only .npy entries)`,
          );
        }
        if (declared.some((d) => d.name === entry.name)) {
          fail(`entry "${entry.name.slice(0, 80)}" appears twice`);
        }
        declared.push({ name: entry.name, size: entry.originalSize });
        total += entry.originalSize;
        return false;
      },
    });
  } catch (err) {
    if (err instanceof NpyError) throw err;
    fail(`not a readable zip archive (${messageOf(err)})`);
  }
  if (total > NPZ_LIMITS.maxBytes) {
    fail(
      `its entries declare ${sizeText(total)} uncompressed, more than the limit of ` +
        `${sizeText(NPZ_LIMITS.maxBytes)} (refused before inflating)`,
    );
  }
  // Pass 2: inflate, each entry into a buffer of its declared size.
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    return fail(`damaged zip data (${messageOf(err)})`);
  }
  const out = new Map<string, NpyArray>();
  for (const { name: entry } of declared) {
    const data = files[entry];
    if (data === undefined) fail(`entry "${entry}" could not be read`);
    out.set(entry.slice(0, -'.npy'.length), parseNpy(data, `${name}/${entry}`));
  }
  return out;
}
