import { TIMING_DEFINITION } from '../../engine/measure';
import type { ModFile, ModRun } from '../../features/hardness/modFile';
import { MOD_D } from '../../features/hardness/requests';
import { hardnessDeps } from '../../worker/hardnessEngine';
import { type HardnessContext, hardnessJob } from '../../worker/hardnessJobs';
import { checkHardnessRequest, type ModExperiment } from '../../worker/hardnessProtocol';
import { finiteNumber, intList, nonNegativeInt, parseFlags, positiveInt, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { checkOutputPath, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';

export const HARDNESS_USAGE = `hardness mod [--capacity 0.5,0.25] [--s 512,1024,2048,4096] [--d ${MOD_D}] [--repeats 3] [--seed 1] [--backend wasm|cpu|webgpu] [--out FILE]   (--output FILE also works)`;

/** One list of capacities C/S, each a number (checked against the worker's limits later). */
function capacities(text: string | undefined): number[] {
  if (text === undefined) return [0.5, 0.25];
  return text.split(',').map((part) => finiteNumber('capacity', part.trim()) as number);
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
 * Mixture-of-Depths timings in Node: the worker's hardness job (hardnessJobs + hardnessEngine,
 * the same code the page runs) once per capacity, written as the panel's pre-computed file.
 */
export async function hardnessCommand(
  argv: string[],
  stdout: (s: string) => void,
  progress?: (line: string) => void,
): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'mod') {
    throw new CliError(`hardness: unknown experiment "${sub ?? ''}" (experiments: mod)`);
  }
  const { experiments, backend, out } = modExperiments(rest);
  if (out !== undefined) checkOutputPath(out);
  const report = await startBackend(cliBackend(backend, 'wasm'));
  const began = performance.now();
  const runs: ModRun[] = [];
  for (const [i, experiment] of experiments.entries()) {
    const tag = `capacity ${experiment.capacity * 100}%`;
    const ctx: HardnessContext = {
      id: i + 1,
      backend: report.name,
      progress: (p) => progress?.(`[${tag}] [${p.step}/${p.total}] ${p.label}`),
      cancelled: () => false,
      lost: () => null,
    };
    const t0 = performance.now();
    const outcome = await hardnessJob(
      { type: 'hardness', id: i + 1, experiment },
      hardnessDeps,
      ctx,
    );
    if (outcome.error) throw new Error(`hardness mod (${tag}): ${outcome.error}`);
    if (outcome.result.kind !== 'mod')
      throw new Error('hardness mod: the job answered another kind');
    const seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    runs.push({ experiment, points: outcome.result.points, seconds });
  }
  const file: ModFile = {
    kind: 'mod',
    runs,
    provenance: {
      ...nodeProvenance(report),
      command: `hardness mod ${rest.join(' ')}`.trim(),
      timing: TIMING_DEFINITION,
      wallSeconds: Number(((performance.now() - began) / 1000).toFixed(1)),
    },
  };
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (out !== undefined) writeAtomic(out, text);
  else stdout(text);
}
