import type { ParamValues } from '../../core/params';
import {
  isMeasured,
  runSweep,
  type SweepFit,
  type SweepProgress,
  type SweepRow,
} from '../../engine/sweep';
import { parseFlags, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { checkOutputPath, toCsv, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { SWEEP_OPTIONS, sweepConfig } from './sweepConfig';

export const SWEEP_USAGE =
  'sweep [--variants dense,flash,linear] [--n 128,256,512,1024] [--d 64] [--dv D] [--heads 1] [--repeats 5] [--warmup 1] [--input-kind gaussian|bounded|banded|lowrank|clustered] [--scale S] [--causal] [--seed 1] [--param VARIANT.NAME=VALUE]... [--fit-min-n N] [--backend wasm|cpu|webgpu] [--format json|csv] [--output FILE]';

import { CSV_COLUMNS } from '../../core/sweepColumns';

export { CSV_COLUMNS };

/** One CSV record per row; the variant's fitted exponent and parameters (JSON) repeat on its rows. */
export function csvRecords(
  rows: readonly SweepRow[],
  fits: readonly SweepFit[],
  params: Record<string, ParamValues>,
) {
  return rows.map((row) => {
    const fitSlope = fits.find((f) => f.variant === row.variant)?.slope ?? null;
    const base = {
      variant: row.variant,
      n: row.n,
      fitSlope,
      params: JSON.stringify(params[row.variant] ?? {}),
    };
    if (!isMeasured(row)) return { ...base, refused: row.refused };
    const { msAll: _all, ...numbers } = row;
    return { ...numbers, ...base };
  });
}

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
    { ...config, limits: report.limits, kernelTime: report.hasTimestampQuery },
    progress && ((p) => progress(progressLine(p))),
  );
  const provenance = { ...nodeProvenance(report), ...result.provenance };
  const text =
    format === 'csv'
      ? toCsv(CSV_COLUMNS, csvRecords(result.rows, result.fits, params))
      : `${JSON.stringify({ rows: result.rows, fits: result.fits, provenance }, null, 2)}\n`;
  if (outPath !== undefined) writeAtomic(outPath, text);
  else stdout(text);
}
