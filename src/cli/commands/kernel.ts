import { headBlock } from '../../core/headBlock';
import { generateInputs } from '../../core/inputs';
import { messageOf } from '../../core/messageOf';
import { maxAbsError, relativeError } from '../../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../../core/reference/dense';
import { MAX_DV } from '../../core/userKernel/template';
import { tf } from '../../engine/backend';
import { compileKernel, runKernel } from '../../engine/userKernel';
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
/** Within this of float64 dense attention a kernel counts as exact. */
export const EXACT_TOLERANCE = 1e-4;

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
  const body = readRegularFile(path, 'kernel', MAX_KERNEL_BYTES).toString('utf8');
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
  const device = (tf.backend() as unknown as { device: GPUDevice }).device;
  const compiled = await compileKernel(device, body);
  if (!compiled.ok) {
    const e = compiled.errors[0];
    const where = e.line > 0 ? `${path}:${e.line}:${e.column}` : `${path} (the template)`;
    throw new CliError(`kernel ${where}: ${e.message}`);
  }
  const run = () =>
    withinTime(runKernel(device, compiled.kernel, inputs, causal), seconds).catch((err) => {
      throw err instanceof CliError ? err : new CliError(`kernel: ${messageOf(err)}`);
    });
  const first = await run(); // warm-up: the pipeline's first dispatch
  const times: number[] = [];
  let output = first.output;
  for (let r = 0; r < repeats; r++) {
    const next = await run();
    times.push(next.ms);
    output = next.output;
  }
  const { heads, n } = inputs.q;
  const got = headBlock(heads, n, inputs.v.width, output);
  const exact = referenceAttention(inputs, causal ? keepCausal : keepAll);
  const maxAbs = maxAbsError(got, exact);
  const sorted = [...times].sort((a, b) => a - b);
  const doc = {
    kernel: path,
    shape: { heads, n, d: inputs.q.width, dv: inputs.v.width },
    causal,
    input: inputPath ?? { kind: 'gaussian', seed },
    reference: {
      against:
        'float64 dense attention (core referenceAttention) on the same inputs and causal flag',
      relError: relativeError(got, exact),
      maxAbsError: maxAbs,
      exact: maxAbs <= EXACT_TOLERANCE,
      tolerance: EXACT_TOLERANCE,
    },
    ms: sorted[Math.floor((sorted.length - 1) / 2)],
    msAll: times,
    warnings: compiled.kernel.warnings,
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
