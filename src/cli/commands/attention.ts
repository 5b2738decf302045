import { toRows } from '../../core/headBlock';
import { maxAbsError, relativeError } from '../../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../../core/reference/dense';
import { prepareCall, RefusedError, runAttention, shapeOf } from '../../engine/runAttention';
import { nonNegativeInt, paramPairs, parseFlags, required, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { readInputs } from '../readInput';

export const ATTENTION_USAGE =
  'attention --variant ID --input in.json [--output out.json] [--causal] [--param NAME=VALUE]... [--seed N] [--backend cpu|wasm|webgpu]';

/** Run one variant on the user's Q, K, V and compare it with float64 dense attention. */
export async function attentionCommand(argv: string[], stdout: (s: string) => void): Promise<void> {
  const v = parseFlags('attention', argv, {
    variant: { type: 'string' },
    input: { type: 'string' },
    output: { type: 'string' },
    causal: { type: 'boolean', default: false },
    param: { type: 'string', multiple: true },
    seed: { type: 'string' },
    backend: { type: 'string' },
  });
  const variant = required(v, 'variant', 'attention');
  const inputPath = required(v, 'input', 'attention');
  const causal = v.causal === true;
  const seed = nonNegativeInt('seed', str(v, 'seed'), 0);
  const backend = cliBackend(str(v, 'backend'), 'cpu');
  const given = Object.fromEntries(
    paramPairs(v.param as string[] | undefined).map((p) => [p.key, p.value]),
  );
  const inputs = readInputs(inputPath);
  // Refuse bad variants and parameters before starting a backend.
  try {
    prepareCall(variant, shapeOf(inputs, causal), given);
  } catch (err) {
    if (err instanceof RefusedError) throw new CliError(err.message);
    throw err;
  }
  const report = await startBackend(backend);
  const result = await runAttention({
    variant,
    inputs,
    causal,
    params: given,
    seed,
    limits: report.limits,
  }).catch((err: unknown) => {
    if (err instanceof RefusedError) throw new CliError(err.message);
    throw err;
  });
  const exact = referenceAttention(inputs, causal ? keepCausal : keepAll);
  const heads = result.output.heads;
  const output =
    heads === 1
      ? toRows(result.output)
      : Array.from({ length: heads }, (_, h) => toRows(result.output, h));
  const doc = {
    variant: result.variant,
    params: result.params,
    causal,
    seed,
    backend: report.name,
    shape: { heads, n: inputs.q.n, d: inputs.q.width, dv: inputs.v.width },
    output,
    reference: {
      against: 'float64 dense attention on the same inputs (same causal flag)',
      relError: relativeError(result.output, exact),
      maxAbsError: maxAbsError(result.output, exact),
    },
    ms: result.ms,
    provenance: nodeProvenance(report),
  };
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const outPath = str(v, 'output');
  if (outPath) writeAtomic(outPath, text);
  else stdout(text);
}
