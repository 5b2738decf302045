import { join } from 'node:path';
import { atCapacity, MOD_CAPACITIES } from '../../core/model/config';
import { CONTEXT, detokenize, taskPositions, tokenChar, tokenize } from '../../core/model/task';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { decodeModel, type ModelWeights } from '../../core/model/weights';
import { resolveParams } from '../../core/params';
import { max } from '../../core/stats';
import { findSpec, VARIANT_IDS } from '../../core/variantSpecs';
import { taskAccuracy } from '../../engine/model/accuracy';
import { traceForward } from '../../engine/model/traceForward';
import { RefusedError } from '../../engine/runAttention';
import { MODEL_ID } from '../../worker/modelProtocol';
import {
  nonNegativeInt,
  paramPairs,
  paramRecord,
  parseFlags,
  required,
  shown,
  str,
  type Values,
} from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { readJsonFile, readRegularFile } from '../jsonFile';
import { MODEL_BYTES_LIMIT } from './trainOutput';

export const LAYERS_USAGE =
  'layers --model ID --text "CAFE|CAFE" [--variant ID] [--param NAME=VALUE]... [--seed N] [--capacity 0.25] [--accuracy N] [--models public/models] [--backend cpu|wasm|webgpu]';

function loadModel(dir: string, id: string): ModelWeights {
  if (!MODEL_ID.test(id)) throw new CliError(`layers: bad model id "${shown(id)}"`);
  // Manifests are a few KiB; the weights file has the training script's own limit.
  try {
    const manifest = readJsonFile(join(dir, `${id}.json`), 'model manifest', 1024 * 1024);
    const bin = readRegularFile(join(dir, `${id}.bin`), 'model weights', MODEL_BYTES_LIMIT);
    return decodeModel(manifest, new Uint8Array(bin));
  } catch (err) {
    throw new CliError(
      `layers: cannot load model ${id} from ${shown(dir)}: ${(err as Error).message}`,
    );
  }
}

const round = (x: number) => Number(x.toPrecision(5));

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The trace without its matrices: what a terminal reader wants. */
function summary(trace: ForwardTrace) {
  const tasks = new Set(taskPositions(trace.tokens));
  return {
    text: detokenize(trace.tokens),
    variant: trace.variant,
    params: trace.params,
    layers: trace.layers.map((l, i) => ({
      layer: i + 1,
      attn: { relativeUpdate: round(l.attn.relativeUpdate), alignment: round(l.attn.alignment) },
      mlp: { relativeUpdate: round(l.mlp.relativeUpdate), alignment: round(l.mlp.alignment) },
      maxAbsVsExact: round(max(l.attention.map((m, h) => maxAbsDiff(m, l.exact[h])))),
      routed: l.routed,
      depthMass: l.depthMass?.map(round) ?? null,
    })),
    finalNorm: round(trace.finalNorm),
    shares: Object.fromEntries(trace.shares.map((s) => [s.label, round(s.value)])),
    alpha: trace.alpha,
    predictions: trace.predictions.map((p, i) => ({
      position: i,
      token: tokenChar(trace.tokens[i]),
      next: tokenChar(p.top[0].token),
      p: round(p.top[0].p),
      ...(tasks.has(i) ? { expected: tokenChar(trace.tokens[i + 1]) } : {}),
    })),
  };
}

/** --capacity C: a MoD model's capacity at inference (one of MOD_CAPACITIES). */
function capacityFlag(v: Values, info: ModelInfo): number | undefined {
  const raw = str(v, 'capacity');
  if (raw === undefined) return undefined;
  if (!info.config.mod)
    throw new CliError(`layers: --capacity needs a MoD model; ${info.id} does not route`);
  const c = MOD_CAPACITIES.find((x) => String(x) === raw.trim());
  if (c === undefined)
    throw new CliError(
      `layers: --capacity must be one of ${MOD_CAPACITIES.join(', ')}, got ${shown(raw)}`,
    );
  return c;
}

/** One sequence through a shipped model with a variant in place of softmax, as JSON. */
export async function layersCommand(argv: string[], stdout: (s: string) => void): Promise<void> {
  const v = parseFlags('layers', argv, {
    model: { type: 'string' },
    text: { type: 'string' },
    variant: { type: 'string' },
    param: { type: 'string', multiple: true },
    seed: { type: 'string' },
    capacity: { type: 'string' },
    accuracy: { type: 'string' },
    models: { type: 'string' },
    backend: { type: 'string' },
  });
  const trained = loadModel(str(v, 'models') ?? 'public/models', required(v, 'model', 'layers'));
  const weights = { ...trained, info: atCapacity(trained.info, capacityFlag(v, trained.info)) };
  const { tokens, unknown } = tokenize(required(v, 'text', 'layers'));
  if (unknown.length > 0) {
    const list = unknown.map((u) => `"${u.char}" at ${u.position}`).join(', ');
    throw new CliError(`layers: --text has characters outside A–P and "|": ${list}`);
  }
  if (tokens.length === 0 || tokens.length > CONTEXT) {
    throw new CliError(
      `layers: --text must hold 1 to ${CONTEXT} tokens (the models' context), got ${tokens.length}`,
    );
  }
  const variant = str(v, 'variant') ?? 'dense';
  const params = paramRecord(paramPairs(v.param as string[] | undefined));
  // The variant and its parameters are checked before a backend starts.
  const spec = findSpec(variant);
  if (!spec) {
    throw new CliError(
      `layers: unknown variant "${shown(variant)}" (valid: ${VARIANT_IDS.join(', ')})`,
    );
  }
  try {
    resolveParams(variant, spec.params, params);
  } catch (err) {
    throw new CliError(`layers: ${(err as Error).message}`);
  }
  const seed = nonNegativeInt('seed', str(v, 'seed'), 0);
  const sequences = nonNegativeInt('accuracy', str(v, 'accuracy'), 0);
  await startBackend(cliBackend(str(v, 'backend'), 'wasm'));
  try {
    const trace = await traceForward(weights, tokens, variant, params, { seed });
    const accuracy = sequences
      ? await taskAccuracy(weights, { variant, params, sequences, seed })
      : undefined;
    const { info } = weights;
    const model = { id: info.id, trained: info.trained, accuracy: info.accuracy };
    stdout(`${JSON.stringify({ model, ...summary(trace), accuracy }, null, 2)}\n`);
  } catch (err) {
    if (err instanceof RefusedError) throw new CliError(`layers: ${err.message}`);
    throw err;
  }
}
