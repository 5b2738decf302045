import { isMeasured, runSweep, type SweepProgress } from '../../engine/sweep';
import { sweepCsv } from '../../engine/sweepCsv';
import { parseFlags, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { runLimits } from '../limits';
import { checkOutputPath, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { SWEEP_OPTIONS, sweepConfig } from './sweepConfig';

export const SWEEP_USAGE =
  'sweep [--variants dense,flash,linear] [--n 128,256,512,1024] [--d 64] [--dv D] [--heads 1] [--repeats 5] [--warmup 1] [--input-kind gaussian|bounded|banded|lowrank|clustered] [--scale S] [--causal] [--seed 1] [--param VARIANT.NAME=VALUE]... [--fit-min-n N] [--backend wasm|cpu|webgpu] [--format json|csv] [--output FILE]';

/** One CSV record per row; the variant's fitted exponent and parameters (JSON) repeat on its rows. */
/** A progress line for a terminal: the point starting, or the point done with its median. */
export function progressLine(p: SweepProgress): string {
  const at = `[${p.step}/${p.total}] ${p.variant} n=${p.n}`;
  if (p.phase === 'start') return `${at} …`;
  if (!p.row) return at;
  return isMeasured(p.row) ? `${at} ${p.row.msMedian.toFixed(2)} ms` : `${at} refused`;
}

export async function sweepCommand(
  argv: string[],
  stdout: (s: string) => void,
  progress?: (line: string) => void,
) {
  const v = parseFlags('sweep', argv, { ...SWEEP_OPTIONS, format: { type: 'string' } });
  const format = str(v, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new CliError(`--format must be json or csv, got "${format}"`);
  }
  const { config, params } = sweepConfig(v, { ns: [128, 256, 512, 1024], repeats: 5 });
  const backend = cliBackend(str(v, 'backend'), 'wasm');
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
