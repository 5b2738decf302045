import { SEED_RANGE } from '../core/rng';
import type { DeviceLimits } from '../core/variantSpec';
import { MODEL_JOB_LIMITS } from '../worker/modelProtocol';
import { SWEEP_LIMITS } from '../worker/sweepProtocol';

/**
 * Bounds of the command line, checked before any work: the lab's own limits (the worker's
 * SWEEP_LIMITS and MODEL_JOB_LIMITS, so the CLI refuses what the page refuses), plus caps on
 * what only the CLI reads (files, arguments) and on the counts that decide how long a run takes.
 * The engine still refuses a single call whose largest tensor cannot fit the device (webgpu:
 * the adapter's limits; cpu and wasm: what one typed array can address).
 */

export type Range = readonly [number, number];

/** Integer flags by name: every command's flag of that name takes values in this range. */
export const FLAG_LIMITS: Readonly<Record<string, Range>> = {
  n: SWEEP_LIMITS.n,
  d: SWEEP_LIMITS.d,
  dv: SWEEP_LIMITS.d,
  heads: SWEEP_LIMITS.heads,
  repeats: SWEEP_LIMITS.repeats,
  warmup: [1, 10],
  seed: SEED_RANGE,
  'fit-min-n': SWEEP_LIMITS.n,
  /** Held-out sequences of `layers --accuracy` (0: not measured). */
  accuracy: [0, MODEL_JOB_LIMITS.sequences[1]],
  /** Training steps per model (the shipped models train 1500). */
  steps: [1, 20_000],
  timeout: [1, 86_400],
  port: [1, 65_535],
};

/** Variants × n of one sweep (the lab's own cap). */
export const MAX_POINTS = SWEEP_LIMITS.points;

/**
 * The memory budget of a run: a sweep's inputs (q, k and v at its largest n, float32, counted
 * twice: the generated arrays and their tensors) on any backend, and on cpu and wasm the
 * largest single tensor of a call too (webgpu uses the adapter's own limits instead).
 */
export const HOST_MEMORY_BUDGET = 1024 ** 3;

/** The limits a call must fit on this backend: the device's on webgpu, the budget on the host. */
export function runLimits(backend: string, device: DeviceLimits): DeviceLimits {
  if (backend === 'webgpu') return device;
  return {
    maxBufferSize: Math.min(device.maxBufferSize, HOST_MEMORY_BUDGET),
    maxStorageBufferBindingSize: Math.min(device.maxStorageBufferBindingSize, HOST_MEMORY_BUDGET),
  };
}

/** Files the CLI reads (inputs, model manifests): regular files of at most this many bytes. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Deepest nesting of arrays and objects in a JSON file the CLI reads. */
export const MAX_JSON_DEPTH = 64;

/** Longest single command-line argument. */
export const MAX_ARG_CHARS = 4096;

const MiB = 1024 * 1024;

/** The caps as usage text, from the table above. */
export function limitsUsage(): string {
  const ranges = Object.entries(FLAG_LIMITS)
    .map(([flag, [lo, hi]]) => `--${flag} ${lo}…${hi === SEED_RANGE[1] ? '2^32−1' : hi}`)
    .join(', ');
  return (
    `limits: ${ranges}; at most ${MAX_POINTS} variants × n per sweep, inputs within ` +
    `${HOST_MEMORY_BUDGET / 1024 ** 3} GiB (and each tensor on cpu/wasm); input files regular, ≤ ${MAX_INPUT_BYTES / MiB} MiB, ` +
    `JSON nested ≤ ${MAX_JSON_DEPTH} deep; arguments ≤ ${MAX_ARG_CHARS} characters`
  );
}

/** Bytes of a sweep's inputs at its largest n (see HOST_MEMORY_BUDGET). */
export function inputBytes(c: { heads: number; n: number; d: number; dv: number }): number {
  return 2 * 4 * c.heads * c.n * (2 * c.d + c.dv);
}
