import { TIMING_DEFINITION } from '../../engine/measure';
import { CONFIG_KEYS, FIELDS } from '../../features/hardness/model/config';
import { parseHardnessHash } from '../../features/hardness/model/hardnessHash';
import type { ModFile, ModRun } from '../../features/hardness/model/modFile';
import {
  boundedRequest,
  MOD_D,
  performerRequest,
  rankRequest,
} from '../../features/hardness/model/requests';
import { hardnessDeps } from '../../worker/hardnessEngine';
import { type HardnessContext, hardnessJob } from '../../worker/hardnessJobs';
import {
  checkHardnessRequest,
  type HardnessExperiment,
  type HardnessResult,
  type ModExperiment,
} from '../../worker/hardnessProtocol';
import {
  finiteNumber,
  intList,
  list,
  nonNegativeInt,
  parseFlags,
  positiveInt,
  shown,
  str,
} from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { checkOutputPath, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';

export const HARDNESS_USAGE = `hardness mod [--capacity 0.5,0.25] [--s 512,1024,2048,4096] [--d ${MOD_D}] [--repeats 3] [--seed 1] [--backend wasm|cpu|webgpu] [--out FILE]   (--output FILE also works)
  hardness bounded|performer|rank [--set "h.be.pm=256&h.be.n=512"] [--backend wasm|cpu|webgpu] [--out FILE]   (the lab's experiment with its controls as URL keys)`;

/** The lab panels the command line runs with the lab's own requests, by subcommand. */
const LAB_EXPERIMENTS = {
  bounded: boundedRequest,
  performer: performerRequest,
  rank: rankRequest,
} as const;
type LabExperiment = keyof typeof LAB_EXPERIMENTS;
const isLabExperiment = (s: string | undefined): s is LabExperiment =>
  s !== undefined && Object.hasOwn(LAB_EXPERIMENTS, s);

/** One list of capacities C/S, each a number (checked against the worker's limits later). */
function capacities(text: string | undefined): number[] {
  const parts = list('capacity', text);
  if (parts === undefined) return [0.5, 0.25];
  return parts.map((part) => finiteNumber('capacity', part) as number);
}

/** The experiments of the command line, checked with the worker's own request check. */
export function modExperiments(argv: string[]): {
  experiments: ModExperiment[];
  backend: string | undefined;
  out: string | undefined;
} {
  const v = parseFlags('hardness mod', argv, {
    capacity: { type: 'string' },
    s: { type: 'string' },
    d: { type: 'string' },
    repeats: { type: 'string' },
    seed: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
    output: { type: 'string' },
  });
  const base = {
    kind: 'mod' as const,
    ns: intList('s', str(v, 's'), [512, 1024, 2048, 4096]),
    d: positiveInt('d', str(v, 'd'), MOD_D),
    repeats: positiveInt('repeats', str(v, 'repeats'), 3),
    seed: nonNegativeInt('seed', str(v, 'seed'), 1),
  };
  const experiments = capacities(str(v, 'capacity')).map((capacity) => ({ ...base, capacity }));
  for (const experiment of experiments) {
    const problem = checkHardnessRequest({ experiment });
    if (problem) throw new CliError(`hardness mod: ${problem}`);
  }
  return { experiments, backend: str(v, 'backend'), out: str(v, 'out') ?? str(v, 'output') };
}

/**
 * `--set "h.be.pm=256&h.be.n=512"` as URL parameters: every key must be one of the lab's
 * (the page ignores unknown keys with a notice; a command line stops), each given once.
 */
function setPairs(sub: string, text: string | undefined): URLSearchParams {
  const pairs = new URLSearchParams(text ?? '');
  const known = new Set(CONFIG_KEYS.map((k) => FIELDS[k].key));
  const seen = new Set<string>();
  for (const key of pairs.keys()) {
    if (!known.has(key)) {
      throw new CliError(
        `hardness ${sub}: unknown key "${shown(key)}" in --set (keys: ${[...known].join(', ')})`,
      );
    }
    if (seen.has(key)) throw new CliError(`hardness ${sub}: --set gives ${key} twice`);
    seen.add(key);
  }
  return pairs;
}

/** The lab's experiment with its controls set from `--set` (the lab's URL keys, `h.…`). */
export function labExperiment(
  sub: LabExperiment,
  argv: string[],
): { experiment: HardnessExperiment; backend: string | undefined; out: string | undefined } {
  const v = parseFlags(`hardness ${sub}`, argv, {
    set: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
    output: { type: 'string' },
  });
  const { config, notices } = parseHardnessHash(setPairs(sub, str(v, 'set')));
  // The page falls back with a notice; a command line stops instead.
  if (notices.length > 0) throw new CliError(`hardness ${sub}: ${notices[0]}`);
  const experiment = LAB_EXPERIMENTS[sub](config);
  const problem = checkHardnessRequest({ experiment });
  if (problem) throw new CliError(`hardness ${sub}: ${problem}`);
  return { experiment, backend: str(v, 'backend'), out: str(v, 'out') ?? str(v, 'output') };
}

/** One hardness job in Node: the worker's code (hardnessJobs + hardnessEngine), no worker. */
async function runJob(
  experiment: HardnessExperiment,
  id: number,
  backend: string,
  tag: string,
  progress?: (line: string) => void,
): Promise<HardnessResult> {
  const ctx: HardnessContext = {
    id,
    backend,
    progress: (p) => progress?.(`[${tag}] [${p.step}/${p.total}] ${p.label}`),
    cancelled: () => false,
    lost: () => null,
  };
  const outcome = await hardnessJob({ type: 'hardness', id, experiment }, hardnessDeps, ctx);
  if (outcome.error) throw new Error(`hardness ${tag}: ${outcome.error}`);
  if (outcome.result.kind !== experiment.kind) {
    throw new Error(`hardness ${tag}: the job answered another kind`);
  }
  return outcome.result;
}

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));

/**
 * `hardness mod`: Mixture-of-Depths timings, once per capacity, written as the panel's
 * pre-computed file. `hardness bounded|performer|rank`: one lab experiment, written as
 * {experiment, result, provenance}.
 */
export async function hardnessCommand(
  argv: string[],
  stdout: (s: string) => void,
  progress?: (line: string) => void,
): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'mod' && !isLabExperiment(sub)) {
    const known = ['mod', ...Object.keys(LAB_EXPERIMENTS)].join(', ');
    throw new CliError(
      `hardness: unknown experiment "${shown(sub ?? '')}" (experiments: ${known})`,
    );
  }
  const parsed =
    sub === 'mod'
      ? { ...modExperiments(rest), experiment: null }
      : { ...labExperiment(sub, rest), experiments: null };
  if (parsed.out !== undefined) checkOutputPath(parsed.out);
  const report = await startBackend(cliBackend(parsed.backend, 'wasm'));
  const began = performance.now();
  const provenance = () => ({
    ...nodeProvenance(report),
    command: `hardness ${sub} ${rest.join(' ')}`.trim(),
    timing: TIMING_DEFINITION,
    wallSeconds: seconds(began),
  });
  let file: unknown;
  if (parsed.experiments) {
    const runs: ModRun[] = [];
    for (const [i, experiment] of parsed.experiments.entries()) {
      const t0 = performance.now();
      const tag = `mod capacity ${experiment.capacity * 100}%`;
      const result = await runJob(experiment, i + 1, report.name, tag, progress);
      if (result.kind !== 'mod') throw new Error('hardness mod: the job answered another kind');
      runs.push({ experiment, points: result.points, seconds: seconds(t0) });
    }
    file = { kind: 'mod', runs, provenance: provenance() } satisfies ModFile;
  } else {
    const { experiment } = parsed;
    const result = await runJob(experiment, 1, report.name, sub, progress);
    file = { kind: experiment.kind, experiment, result, provenance: provenance() };
  }
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (parsed.out !== undefined) writeAtomic(parsed.out, text);
  else stdout(text);
}
