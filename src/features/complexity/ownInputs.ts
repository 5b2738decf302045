import { isPow2 } from '../../core/pow2';
import { type InputFileInfo, SWEEP_LIMITS, type SweepInputs } from '../../worker/sweepProtocol';
import { type LabConfig, powersOfTwo } from './model/labConfig';

/**
 * The lab's own inputs: Q, K, V from a .npz the user picks, read and checked on the page (never
 * sent anywhere but to the engine's worker), with the SHA-256 of its bytes for the results'
 * provenance. The sweep then measures prefixes of these arrays instead of generated ones. The
 * reader (./ownInputFile, with the numpy parser and zip) loads only when a file is picked.
 */

export interface OwnInput {
  info: InputFileInfo;
  inputs: SweepInputs;
  /** What the reader converted or ignored (byte order, float64 → float32, other entries). */
  notes: string[];
}

/** The n a file allows: powers of two from the smallest the worker takes up to the file's n. */
export const fileNs = (n: number) => powersOfTwo(SWEEP_LIMITS.n[0], n);

/** The lab's config for a file: its heads and d, every power of two n up to its n. */
export function withOwnInput(config: LabConfig, own: OwnInput): LabConfig {
  const ns = fileNs(own.inputs.q.n);
  return {
    ...config,
    heads: own.inputs.q.heads,
    d: own.inputs.q.width,
    nMin: ns[0],
    nMax: ns[ns.length - 1],
  };
}

/** "qkv.npz (2 × 64 × 16, float32)": heads × n × d as the engine reads them. */
export function inputText(own: OwnInput): string {
  const { q, v } = own.inputs;
  const dv = v.width === q.width ? '' : `, dv = ${v.width}`;
  return `${own.info.name} (${q.heads} × ${q.n} × ${q.width}${dv}, ${own.info.dtype})`;
}

/** The first 12 hex digits of a SHA-256, for a line of text (the full one is in a title). */
export const shortSha = (sha: string) => `${sha.slice(0, 12)}…`;

/** Whether the file's n is itself a power of two (else the sweep stops below it). */
export const nIsPow2 = (own: OwnInput) => isPow2(own.inputs.q.n);

/** The input file a result records (its config or provenance), if it names a valid one. */
export function inputFileOf(...sources: (Record<string, unknown> | null | undefined)[]) {
  for (const s of sources) {
    const f = s?.inputFile as Partial<InputFileInfo> | undefined;
    if (
      f &&
      typeof f.name === 'string' &&
      typeof f.sha256 === 'string' &&
      typeof f.dtype === 'string' &&
      Array.isArray(f.shape)
    ) {
      return f as InputFileInfo;
    }
  }
  return null;
}

/** "your file qkv.npz, shape (2, 64, 16), float32, SHA-256 0123456789ab…" */
export function recordedInputText(f: InputFileInfo): string {
  return `your file ${f.name}, shape (${f.shape.join(', ')}), ${f.dtype}, SHA-256 ${shortSha(f.sha256)}`;
}
