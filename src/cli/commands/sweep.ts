import { type OwnKernel, ownKernelProblem } from '../../core/userKernel/ownKernel';
import { isMeasured, runSweep, type SweepProgress } from '../../engine/sweep';
import { sweepCsv } from '../../engine/sweepCsv';
import { parseFlags, str, type Values } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { runLimits } from '../limits';
import { checkOutputPath, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { readKernelBody } from './kernel';
import { SWEEP_OPTIONS, sweepConfig } from './sweepConfig';

export const SWEEP_USAGE =
  'sweep [--variants dense,flash,linear] [--n 128,256,512,1024] [--d 64] [--dv D] [--heads 1] [--repeats 5] [--warmup 1] [--input-kind gaussian|bounded|banded|lowrank|clustered] [--scale S] [--causal] [--seed 1] [--param VARIANT.NAME=VALUE]... [--fit-min-n N] [--backend wasm|cpu|webgpu] [--kernel BODY.wgsl --kernel-name NAME --kernel-cost "n^2 d"] [--format json|csv] [--output FILE]';

/** One CSV record per row; the variant's fitted exponent and parameters (JSON) repeat on its rows. */
/** A progress line for a terminal: the point starting, or the point done with its median. */
export function progressLine(p: SweepProgress): string {
  const at = `[${p.step}/${p.total}] ${p.variant} n=${p.n}`;
  if (p.phase === 'start') return `${at} …`;
  if (!p.row) return at;
  return isMeasured(p.row) ? `${at} ${p.row.msMedian.toFixed(2)} ms` : `${at} refused`;
}

/** --kernel, --kernel-name and --kernel-cost: all three or none. */
function ownKernelOf(v: Values): OwnKernel | undefined {
  const path = str(v, 'kernel');
  const name = str(v, 'kernel-name');
  const cost = str(v, 'kernel-cost');
  if (path === undefined) {
    if (name !== undefined || cost !== undefined) {
      throw new CliError('--kernel-name and --kernel-cost go with --kernel BODY.wgsl');
    }
    return undefined;
  }
  if (name === undefined || cost === undefined) {
    throw new CliError('--kernel needs --kernel-name NAME and --kernel-cost COST (e.g. "n^2 d")');
  }
  const kernel = { name, cost, body: readKernelBody(path, 'sweep') };
  const problem = ownKernelProblem(kernel);
  if (problem) throw new CliError(`--kernel ${path}: ${problem}`);
  return kernel;
}

export async function sweepCommand(
  argv: string[],
  stdout: (s: string) => void,
  progress?: (line: string) => void,
) {
  const v = parseFlags('sweep', argv, {
    ...SWEEP_OPTIONS,
    format: { type: 'string' },
    kernel: { type: 'string' },
    'kernel-name': { type: 'string' },
    'kernel-cost': { type: 'string' },
  });
  const format = str(v, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new CliError(`--format must be json or csv, got "${format}"`);
  }
  const ownKernel = ownKernelOf(v);
  const { config, params } = sweepConfig(v, { ns: [128, 256, 512, 1024], repeats: 5 }, ownKernel);
  const backend = cliBackend(str(v, 'backend'), ownKernel ? 'webgpu' : 'wasm');
  if (ownKernel && backend !== 'webgpu') {
    throw new CliError(`--kernel runs on webgpu only, not on --backend ${backend}`);
  }
  const outPath = str(v, 'output');
  if (outPath !== undefined) checkOutputPath(outPath);
  const report = await startBackend(backend);
  const result = await runSweep(
    {
      ...config,
      limits: runLimits(report.name, report.limits),
      kernelTime: report.hasTimestampQuery,
    },
    progress && ((p) => progress(progressLine(p))),
  );
  const provenance = { ...nodeProvenance(report), ...result.provenance };
  const text =
    format === 'csv'
      ? sweepCsv(result.rows, result.fits, params)
      : `${JSON.stringify({ rows: result.rows, fits: result.fits, provenance }, null, 2)}\n`;
  if (outPath !== undefined) writeAtomic(outPath, text);
  else stdout(text);
}
