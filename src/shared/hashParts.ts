/**
 * Screens other than the complexity lab keep their own state in the URL hash through a
 * "hash part": the keys it owns, how it writes them and how it reads them back. The lab's hash
 * code (labHash, shareHash, hashSync) asks every registered part, so a screen adds its keys
 * without editing those files. A part registers itself when its module loads.
 */

export type HashPair = [key: string, value: string | number];

export interface HashPart {
  /** A short name for notices and debugging, e.g. "layers". */
  name: string;
  /** Part of the lab's own state (the own kernel): kept in an embedded lab panel's link. */
  lab?: boolean;
  /** True for the keys this part reads and writes (e.g. `l.model`, `step`). */
  owns(key: string): boolean;
  /** The pairs to write now; leave out values equal to their defaults. */
  encode(): HashPair[];
  /** Apply the hash's values (invalid ones keep defaults); returns a notice for each ignored one. */
  apply(params: URLSearchParams): string[];
  /** Call `onChange` whenever the state `encode` reads changes; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

const parts: HashPart[] = [];

export function registerHashPart(part: HashPart): void {
  if (!parts.some((p) => p.name === part.name)) parts.push(part);
}

export function hashParts(): readonly HashPart[] {
  return parts;
}

export const ownedByPart = (key: string) => parts.some((p) => p.owns(key));
