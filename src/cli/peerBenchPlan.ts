import { join } from 'node:path';
import { DEFAULT_PEER_PLAN, peerPlanRefusal } from '../peer/peerPlan';
import type { PeerPlan } from '../peer/peerReport';
import { intList, nonNegativeInt, parseFlags, positiveInt, str } from './args';
import { checkDistFolder } from './distFolder';
import { CliError } from './errors';
import { checkOutputPath } from './output';

/** Flags of `bench --browser --peer`: the fused kernel beside ONNX Runtime Web. */
export const PEER_OPTIONS = {
  browser: { type: 'boolean', default: false },
  peer: { type: 'boolean', default: false },
  n: { type: 'string' },
  d: { type: 'string' },
  heads: { type: 'string' },
  causal: { type: 'string' },
  repeats: { type: 'string' },
  seed: { type: 'string' },
  'wasm-max-n': { type: 'string' },
  timeout: { type: 'string' },
  output: { type: 'string' },
  port: { type: 'string' },
  dist: { type: 'string' },
  strict: { type: 'boolean', default: false },
} as const;

export const PEER_USAGE =
  'bench --browser --peer [--n 2048,4096] [--d 64] [--heads 1] [--causal both|yes|no] [--repeats 5] [--seed 1] [--wasm-max-n 4096] [--timeout SECONDS] [--output FILE] [--port N] [--dist DIR] [--strict]';

export const DEFAULT_PEER_OUTPUT = join('bench-results', 'bench-peer.json');
export const DEFAULT_PEER_DIST = 'dist-peer';

export interface PeerBenchPlan {
  peer: PeerPlan;
  output: string;
  outputGiven: boolean;
  port: number;
  dist: string;
  timeoutMs: number;
  strict: boolean;
}

const CAUSAL: Record<string, boolean[]> = { both: [false, true], yes: [true], no: [false] };

export function peerBenchPlan(argv: string[]): PeerBenchPlan {
  const command = 'bench --browser --peer';
  const v = parseFlags(command, argv, { ...PEER_OPTIONS });
  const causalText = str(v, 'causal') ?? 'both';
  const causal = CAUSAL[causalText];
  if (!causal)
    throw new CliError(`${command}: --causal must be both, yes or no, not "${causalText}"`);
  const ns = intList('n', str(v, 'n'), DEFAULT_PEER_PLAN.ns);
  const wasmMaxN = nonNegativeInt('wasm-max-n', str(v, 'wasm-max-n'), DEFAULT_PEER_PLAN.wasmMaxN);
  if (wasmMaxN > 16384) throw new CliError(`--wasm-max-n must be in [0, 16384], got ${wasmMaxN}`);
  const output = str(v, 'output') ?? DEFAULT_PEER_OUTPUT;
  // The default's folder is made before the run (and checked then).
  if (str(v, 'output') !== undefined) checkOutputPath(output);
  const dist = str(v, 'dist') ?? DEFAULT_PEER_DIST;
  checkDistFolder(dist);
  const peer = {
    ns,
    d: positiveInt('d', str(v, 'd'), DEFAULT_PEER_PLAN.d),
    heads: positiveInt('heads', str(v, 'heads'), DEFAULT_PEER_PLAN.heads),
    causal,
    repeats: positiveInt('repeats', str(v, 'repeats'), DEFAULT_PEER_PLAN.repeats),
    seed: nonNegativeInt('seed', str(v, 'seed'), DEFAULT_PEER_PLAN.seed),
    wasmMaxN,
  };
  // The page's own limits (narrower than the flags' for d and seed), refused here with exit 2.
  const refusal = peerPlanRefusal(peer);
  if (refusal) throw new CliError(`${command}: ${refusal}`);
  return {
    peer,
    output,
    outputGiven: str(v, 'output') !== undefined,
    port: str(v, 'port') === undefined ? 0 : positiveInt('port', str(v, 'port'), 0),
    dist,
    timeoutMs: positiveInt('timeout', str(v, 'timeout'), 7200) * 1000,
    strict: v.strict === true,
  };
}
