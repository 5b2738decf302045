import * as tf from '@tensorflow/tfjs-core';
import { toRows } from '../../core/headBlock';
import { maxAbsError, relativeError } from '../../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../../core/reference/dense';
import { measureCall, PEAK_BYTES_DEFINITION, TIMING_DEFINITION } from '../../engine/measure';
import { prepareCall, RefusedError, shapeOf } from '../../engine/runAttention';
import { toTensor } from '../../engine/tensors';
import {
  nonNegativeInt,
  paramPairs,
  paramRecord,
  parseFlags,
  positiveInt,
  required,
  str,
} from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { runLimits } from '../limits';
import { checkOutputPath, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { readInputFile } from '../readInput';

export const ATTENTION_USAGE =
  'attention --variant ID --input in.json|qkv.npz [--output out.json] [--causal] [--param NAME=VALUE]... [--seed N] [--repeats N] [--backend cpu|wasm|webgpu]';

const refusedIsBadInput = (err: unknown): never => {
  throw err instanceof RefusedError ? new CliError(err.message) : err;
};

/**
 * Run one variant on the user's Q, K, V, JSON rows or a numpy .npz of q, k, v (one warm-up,
 * then --repeats timed runs, default 1), and compare it with float64 dense attention on the
 * same inputs and causal flag.
 */
export async function attentionCommand(argv: string[], stdout: (s: string) => void): Promise<void> {
  const v = parseFlags('attention', argv, {
    variant: { type: 'string' },
    input: { type: 'string' },
    output: { type: 'string' },
    causal: { type: 'boolean', default: false },
    param: { type: 'string', multiple: true },
    seed: { type: 'string' },
    repeats: { type: 'string' },
    backend: { type: 'string' },
  });
  const variant = required(v, 'variant', 'attention');
  const inputPath = required(v, 'input', 'attention');
  const causal = v.causal === true;
  const seed = nonNegativeInt('seed', str(v, 'seed'), 1);
  const repeats = positiveInt('repeats', str(v, 'repeats'), 1);
  const backend = cliBackend(str(v, 'backend'), 'cpu');
  const outPath = str(v, 'output');
  const given = paramRecord(paramPairs(v.param as string[] | undefined));
  if (outPath !== undefined) checkOutputPath(outPath);
  const { inputs, format, notes } = readInputFile(inputPath);
  const shape = shapeOf(inputs, causal);
  // Refuse bad variants, parameters and causal flags before starting a backend.
  try {
    prepareCall(variant, shape, given);
  } catch (err) {
    refusedIsBadInput(err);
  }
  const report = await startBackend(backend);
  let call: ReturnType<typeof prepareCall>;
  try {
    call = prepareCall(variant, shape, given, runLimits(report.name, report.limits));
  } catch (err) {
    return refusedIsBadInput(err);
  }
  const tensors = [toTensor(inputs.q), toTensor(inputs.k), toTensor(inputs.v)] as const;
  const m = await measureCall(
    call.variant,
    ...tensors,
    { causal, params: call.params, seed },
    { warmup: 1, repeats },
  ).finally(() => tf.dispose([...tensors]));
  const exact = referenceAttention(inputs, causal ? keepCausal : keepAll);
  const { heads, n, width: dv } = m.output;
  const d = inputs.q.width;
  const doc = {
    variant: call.variant.id,
    params: call.params,
    backend: report.name,
    causal,
    seed,
    shape: { heads, n, d, dv },
    input: { format, notes },
    output:
      heads === 1 ? toRows(m.output) : Array.from({ length: heads }, (_, h) => toRows(m.output, h)),
    reference: {
      against:
        'float64 dense attention (core referenceAttention) on the same inputs and causal flag',
      relError: relativeError(m.output, exact),
      maxAbsError: maxAbsError(m.output, exact),
    },
    ms: m.msMedian,
    msAll: m.msAll,
    peakBytes: m.peakBytes,
    analytic: call.variant.cost(shape, call.params),
    provenance: {
      ...nodeProvenance(report),
      seed,
      causal,
      heads,
      n,
      d,
      dv,
      warmup: 1,
      repeats,
      timing: TIMING_DEFINITION,
      memory: PEAK_BYTES_DEFINITION,
    },
  };
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (outPath !== undefined) writeAtomic(outPath, text);
  else stdout(text);
}
