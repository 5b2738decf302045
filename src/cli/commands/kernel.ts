import { generateInputs } from '../../core/inputs';
import { messageOf } from '../../core/messageOf';
import { EXACT_TOLERANCE, MAX_DV } from '../../core/userKernel/template';
import { webgpuDevice } from '../../engine/backend';
import type { KernelRun } from '../../engine/userKernel';
import { checkKernel } from '../../engine/userKernelCheck';
import { nonNegativeInt, parseFlags, positiveInt, required, str } from '../args';
import { startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { readRegularFile } from '../jsonFile';
import { checkOutputPath, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { readInputFile } from '../readInput';

export const KERNEL_USAGE =
  'kernel --kernel BODY.wgsl [--input in.json|qkv.npz | --n 256 --d 64 --heads 1 --seed 1] [--causal] [--repeats 3] [--timeout 30] [--output out.json]';

/** A kernel body is a few kB of WGSL; anything far larger is not one. */
const MAX_KERNEL_BYTES = 256 * 1024;

/** The body of attendRow from a file (a regular file of at most MAX_KERNEL_BYTES). */
export const readKernelBody = (path: string, command: string) =>
  readRegularFile(path, command, MAX_KERNEL_BYTES).toString('utf8');

/** Resolves with `work`, or fails with the time limit's message when it takes longer. */
function withinTime<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliError(`kernel: a call ran past the time limit of ${seconds} s and was stopped`),
        ),
      seconds * 1000,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/**
 * The researcher's own kernel headless: the body of attendRow (core/userKernel/template) read
 * from a file, compiled by Dawn (errors at their body line, exit 2), run on generated or given
 * Q, K, V within a time limit per call, and compared with float64 dense attention.
 */
export async function kernelCommand(argv: string[], stdout: (s: string) => void): Promise<void> {
  const v = parseFlags('kernel', argv, {
    kernel: { type: 'string' },
    input: { type: 'string' },
    n: { type: 'string' },
    d: { type: 'string' },
    heads: { type: 'string' },
    seed: { type: 'string' },
    causal: { type: 'boolean', default: false },
    repeats: { type: 'string' },
    timeout: { type: 'string' },
    output: { type: 'string' },
  });
  const path = required(v, 'kernel', 'kernel');
  const inputPath = str(v, 'input');
  if (inputPath !== undefined && ['n', 'd', 'heads', 'seed'].some((f) => str(v, f) !== undefined)) {
    throw new CliError('kernel: --input gives the sizes; leave out --n, --d, --heads and --seed');
  }
  const causal = v.causal === true;
  const repeats = positiveInt('repeats', str(v, 'repeats'), 3);
  const seconds = positiveInt('timeout', str(v, 'timeout'), 30);
  const outPath = str(v, 'output');
  if (outPath !== undefined) checkOutputPath(outPath);
  const body = readKernelBody(path, 'kernel');
  const seed = nonNegativeInt('seed', str(v, 'seed'), 1);
  const inputs =
    inputPath !== undefined
      ? readInputFile(inputPath).inputs
      : generateInputs({
          kind: 'gaussian',
          n: positiveInt('n', str(v, 'n'), 256),
          d: positiveInt('d', str(v, 'd'), 64),
          heads: positiveInt('heads', str(v, 'heads'), 1),
          seed,
        });
  if (inputs.v.width > MAX_DV) {
    throw new CliError(`kernel: dv = ${inputs.v.width} is above the template's ${MAX_DV}`);
  }

  const report = await startBackend('webgpu');
  const device = webgpuDevice();
  const guard = (call: Promise<KernelRun>) =>
    withinTime(call, seconds).catch((err) => {
      throw err instanceof CliError ? err : new CliError(`kernel: ${messageOf(err)}`);
    });
  const check = await checkKernel(device, body, inputs, {
    causal,
    repeats,
    tolerance: EXACT_TOLERANCE,
    guard,
  });
  if (!check.compiled) {
    const e = check.errors[0];
    const where = e.line > 0 ? `${path}:${e.line}:${e.column}` : `${path} (the template)`;
    throw new CliError(`kernel ${where}: ${e.message}`);
  }
  const { heads, n } = inputs.q;
  const doc = {
    kernel: path,
    shape: { heads, n, d: inputs.q.width, dv: inputs.v.width },
    causal,
    input: inputPath ?? { kind: 'gaussian', seed },
    reference: {
      against:
        'float64 dense attention (core referenceAttention) on the same inputs and causal flag',
      relError: check.relError,
      maxAbsError: check.maxAbsError,
      exact: check.exact,
      tolerance: EXACT_TOLERANCE,
    },
    ms: check.msMedian,
    msAll: check.msAll,
    warnings: check.warnings,
    provenance: {
      ...nodeProvenance(report),
      timing: 'wall ms from queue submit until the output buffer is mapped; one warm-up first',
      timeLimitSeconds: seconds,
    },
  };
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (outPath !== undefined) writeAtomic(outPath, text);
  else stdout(text);
}
