import { prepareCall, RefusedError } from '../../engine/runAttention';
import { runSweep, type SweepConfig, type SweepRow } from '../../engine/sweep';
import { parseFlags, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { toCsv, writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { SWEEP_OPTIONS, sweepConfig } from './sweepConfig';

export const SWEEP_USAGE =
  'sweep --variants dense,flash,linear --n 128,256,512,1024 [--d 64] [--heads 1] [--repeats 5] [--input-kind gaussian|bounded|banded|lowrank|clustered] [--causal] [--param VARIANT.NAME=VALUE]... [--backend cpu|wasm|webgpu] [--format json|csv] [--output FILE]';

export const CSV_COLUMNS = [
  'variant',
  'n',
  'params',
  'refused',
  'msMedian',
  'msMin',
  'msMax',
  'kernelMs',
  'peakBytes',
  'analyticBytes',
  'flops',
  'relError',
  'maxAbsError',
] as const;

/**
 * Bad parameters are the user's mistake (exit 2); a size a variant cannot take (n not divisible,
 * causal unsupported, beyond the device) is a fact of the sweep and gets a refused row instead.
 */
export function checkParams(config: SweepConfig): void {
  for (const id of config.variants) {
    const given = config.params[id] ?? {};
    try {
      prepareCall(id, { heads: 1, n: 1, d: 1, dv: 1, causal: false }, given);
    } catch (err) {
      if (err instanceof RefusedError && /parameter/.test(err.message))
        throw new CliError(err.message);
      if (!(err instanceof RefusedError)) throw err;
    }
  }
}

export async function sweepCommand(
  argv: string[],
  stdout: (s: string) => void,
  stderr: (s: string) => void,
) {
  const v = parseFlags('sweep', argv, { ...SWEEP_OPTIONS, format: { type: 'string' } });
  const format = str(v, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new CliError(`--format must be json or csv, got "${format}"`);
  const config = sweepConfig(v, { ns: [128, 256, 512, 1024], repeats: 5 });
  checkParams(config);
  const report = await startBackend(cliBackend(str(v, 'backend'), 'wasm'));
  const result = await runSweep(
    { ...config, limits: report.limits },
    { onProgress: (p) => stderr(`[${p.step}/${p.total}] ${p.variant} n=${p.n}`) },
  );
  const rows: SweepRow[] = result.rows;
  const text =
    format === 'csv'
      ? toCsv(CSV_COLUMNS, rows as unknown as Record<string, unknown>[])
      : `${JSON.stringify({ config, rows, fits: result.fits, provenance: nodeProvenance(report) }, null, 2)}\n`;
  const outPath = str(v, 'output');
  if (outPath) writeAtomic(outPath, text);
  else stdout(text);
}
