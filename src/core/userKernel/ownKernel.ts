import { VARIANT_IDS, VARIANT_SPECS } from '../variantSpecs';
import { MAX_COST_CHARS, parseCost } from './cost';

/**
 * A researcher's own kernel as a variant of the lab: the body of attendRow (template.ts), the
 * name it is drawn under, and the cost its author states for it. Plain data: it travels in
 * sweep requests, result files and share links, and is compiled only where it runs.
 */
export interface OwnKernel {
  name: string;
  body: string;
  /** As the author wrote it, e.g. "O(n^2 d)" (cost.ts). */
  cost: string;
}

export const OWN_KERNEL_LIMITS = {
  nameChars: 24,
  /** A body is a few kB of WGSL; a link must stay short enough to share. */
  bodyChars: 16_000,
  costChars: MAX_COST_CHARS,
} as const;

/** A name: letters, digits, "-" and "_", starting with a letter. */
export const OWN_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const builtInNames = new Set(
  [...VARIANT_IDS, ...VARIANT_SPECS.map((s) => s.label)].map((x) => x.toLowerCase()),
);

/** Why this name cannot name a kernel, or null. */
export function ownNameProblem(name: string): string | null {
  if (name.length === 0) return 'give your kernel a name';
  if (name.length > OWN_KERNEL_LIMITS.nameChars) {
    return `a name is at most ${OWN_KERNEL_LIMITS.nameChars} characters`;
  }
  if (!OWN_NAME.test(name)) return 'a name is letters, digits, - and _, starting with a letter';
  if (builtInNames.has(name.toLowerCase())) return `"${name}" is a built-in variant's name`;
  return null;
}

/** Why this kernel cannot be a variant (name, body size, cost), or null. */
export function ownKernelProblem(k: OwnKernel): string | null {
  const name = ownNameProblem(k.name);
  if (name) return name;
  if (k.body.trim() === '') return 'the kernel body is empty';
  if (k.body.length > OWN_KERNEL_LIMITS.bodyChars) {
    return `the kernel body is ${k.body.length} characters (at most ${OWN_KERNEL_LIMITS.bodyChars})`;
  }
  const cost = parseCost(k.cost);
  return cost.ok ? null : `its cost "${k.cost.slice(0, 40)}": ${cost.error}`;
}

/** The FLOPs a row records for the kernel: heads × the stated cost (constants as stated). */
export function statedFlops(
  k: OwnKernel,
  shape: { heads: number; n: number; d: number; dv: number },
): number {
  const cost = parseCost(k.cost);
  if (!cost.ok) throw new Error(cost.error);
  return shape.heads * cost.cost(shape);
}
